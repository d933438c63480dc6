package dev.oddshop.inventory.reservation;

/** ACTIVE holds stock; COMMITTED has sold it; RELEASED and EXPIRED gave it back (closed). */
public enum ReservationStatus {
    ACTIVE,
    COMMITTED,
    RELEASED,
    EXPIRED;

    boolean isClosed() {
        return this == RELEASED || this == EXPIRED;
    }
}
