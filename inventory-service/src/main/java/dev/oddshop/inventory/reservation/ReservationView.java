package dev.oddshop.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reservation as the order service sees it. */
public record ReservationView(UUID orderId, ReservationStatus status, Instant expiresAt, List<Item> items) {

    public record Item(long productId, int quantity) {}
}
