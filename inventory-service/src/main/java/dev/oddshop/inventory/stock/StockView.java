package dev.oddshop.inventory.stock;

/** The stock of a product as the API shows it. */
public record StockView(long productId, int available, int reserved) {}
