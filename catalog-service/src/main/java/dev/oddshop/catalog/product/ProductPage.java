package dev.oddshop.catalog.product;

import java.util.List;

/** One page of a product search. */
public record ProductPage(List<ProductView> items, int page, int size, long total) {}
