package dev.oddshop.order.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A line of an order at the price charged. */
@Embeddable
public record OrderItem(
        @Column(name = "product_id") long productId,
        int quantity,
        @Column(name = "unit_price_cents") long unitPriceCents) {

    long totalCents() {
        return this.unitPriceCents * this.quantity;
    }
}
