package dev.oddshop.inventory.reservation;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stock held for one order. Rows are created by {@link ReservationRepository#insertIfAbsent}
 * so that the order id itself arbitrates concurrent requests; JPA only changes the status.
 */
@Entity
@Table(name = "reservation")
class Reservation {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    private ReservationStatus status;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("productId")
    private List<ReservationLine> lines = new ArrayList<>();

    protected Reservation() {}

    UUID orderId() {
        return this.orderId;
    }

    ReservationStatus status() {
        return this.status;
    }

    /** Quantities by product in ascending order, the order stock rows are locked in. */
    SortedMap<Long, Integer> quantities() {
        SortedMap<Long, Integer> quantities = new TreeMap<>();
        this.lines.forEach(line -> quantities.put(line.productId(), line.quantity()));
        return quantities;
    }

    void changeTo(ReservationStatus status) {
        this.status = status;
        this.updatedAt = Instant.now();
    }

    ReservationView view() {
        return new ReservationView(
                this.orderId,
                this.status,
                this.expiresAt,
                this.lines.stream()
                        .map(line -> new ReservationView.Item(line.productId(), line.quantity()))
                        .toList());
    }
}
