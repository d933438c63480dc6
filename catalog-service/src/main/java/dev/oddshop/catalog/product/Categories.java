package dev.oddshop.catalog.product;

import java.util.List;

/** The catalogue's categories, in order: what a storefront offers to filter by. */
public record Categories(List<String> categories) {}
