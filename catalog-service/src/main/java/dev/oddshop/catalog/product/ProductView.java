package dev.oddshop.catalog.product;

/** A product as the API shows it; money in minor units. */
public record ProductView(
        long id, String sku, String name, String category, String description, long priceCents, String currency) {}
