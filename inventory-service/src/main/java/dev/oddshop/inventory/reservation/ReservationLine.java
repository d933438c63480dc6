package dev.oddshop.inventory.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One product and quantity of a reservation; written once, never changed. */
@Embeddable
class ReservationLine {

    @Column(name = "product_id")
    private long productId;

    private int quantity;

    protected ReservationLine() {}

    long productId() {
        return this.productId;
    }

    int quantity() {
        return this.quantity;
    }
}
