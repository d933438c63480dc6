package dev.oddshop.order.lifecycle;

/** What the customer sees. CONFIRMED and FAILED are final. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    FAILED
}
