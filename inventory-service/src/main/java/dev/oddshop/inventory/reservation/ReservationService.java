package dev.oddshop.inventory.reservation;

import dev.oddshop.inventory.InventoryFaultPoints;
import dev.oddshop.inventory.InventoryProperties;
import dev.oddshop.inventory.stock.StockLedger;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reservation lifecycle. Each operation is one transaction: a refusal part-way (say the
 * third line lacks stock) rolls back the stock already taken for the earlier lines.
 */
@Service
@Transactional
class ReservationService {

    private final ReservationRepository reservations;

    private final StockLedger ledger;

    private final InventoryProperties properties;

    private final ReservationMetrics metrics;

    private final FaultPoints faults;

    ReservationService(
            ReservationRepository reservations,
            StockLedger ledger,
            InventoryProperties properties,
            ReservationMetrics metrics,
            FaultPoints faults) {
        this.reservations = reservations;
        this.ledger = ledger;
        this.properties = properties;
        this.metrics = metrics;
        this.faults = faults;
    }

    /** Idempotent by order id: a repeat returns the first outcome without taking stock again. */
    Reserved reserve(UUID orderId, ReservationRequest request) {
        Duration ttl = (request.ttlSeconds() != null)
                ? Duration.ofSeconds(request.ttlSeconds())
                : this.properties.reservationTtl();
        // inside the transaction: a slow statement here holds this reservation's connection
        this.faults.strike(InventoryFaultPoints.RESERVE_SQL);
        if (this.reservations.insertIfAbsent(
                        orderId, ReservationStatus.ACTIVE.name(), Instant.now().plus(ttl))
                == 0) {
            Reservation existing = this.reservations.findById(orderId).orElseThrow();
            if (existing.status().isClosed()) {
                throw closed(existing);
            }
            return new Reserved(existing.view(), false);
        }
        SortedMap<Long, Integer> quantities = request.quantities();
        try {
            this.ledger.requireAvailable(quantities);
            // the row locks come last, so the hot row of a flash sale is held for the shortest time
            quantities.forEach((productId, quantity) -> this.reservations.insertLine(orderId, productId, quantity));
            this.ledger.reserve(quantities);
            // the stock rows stay locked until commit: whatever happens here, every buyer of them waits for
            this.faults.strike(InventoryFaultPoints.STOCK_LOCKED);
        } catch (ApiException refused) {
            this.metrics.refused();
            throw refused;
        }
        this.metrics.record("created", 1);
        return new Reserved(this.reservations.findById(orderId).orElseThrow().view(), true);
    }

    /** Idempotent; an expired reservation is revived if its stock is still there. */
    ReservationView commit(UUID orderId) {
        Reservation reservation = this.reservations
                .findForUpdate(orderId)
                .orElseThrow(() -> ApiException.notFound("Reservation", orderId));
        switch (reservation.status()) {
            case COMMITTED -> {
                return reservation.view();
            }
            case RELEASED -> throw closed(reservation);
            case ACTIVE -> this.ledger.commitReserved(reservation.quantities());
            case EXPIRED -> this.ledger.commitAvailable(reservation.quantities());
        }
        reservation.changeTo(ReservationStatus.COMMITTED);
        this.metrics.record("committed", 1);
        return reservation.view();
    }

    /**
     * Idempotent. An unknown order gets a RELEASED tombstone: the compensation may overtake its
     * own reservation request, which must then be refused rather than hold stock forever.
     */
    ReservationView release(UUID orderId) {
        Reservation reservation = this.reservations.findForUpdate(orderId).orElse(null);
        if (reservation == null) {
            if (this.reservations.insertIfAbsent(orderId, ReservationStatus.RELEASED.name(), Instant.now()) == 1) {
                return this.reservations.findById(orderId).orElseThrow().view();
            }
            // A reservation for this order committed in the meantime: release that one.
            reservation = this.reservations.findForUpdate(orderId).orElseThrow();
        }
        switch (reservation.status()) {
            case RELEASED -> {
                return reservation.view();
            }
            case COMMITTED ->
                throw ApiException.conflict(
                        "reservation-committed",
                        "Reservation " + orderId + " is committed; its stock has left the shop");
            case ACTIVE -> this.ledger.release(reservation.quantities());
            case EXPIRED -> {
                // the sweeper already gave the stock back; RELEASED stops a later commit reviving it
            }
        }
        reservation.changeTo(ReservationStatus.RELEASED);
        this.metrics.record("released", 1);
        return reservation.view();
    }

    @Transactional(readOnly = true)
    ReservationView find(UUID orderId) {
        return this.reservations
                .findById(orderId)
                .map(Reservation::view)
                .orElseThrow(() -> ApiException.notFound("Reservation", orderId));
    }

    /** Expires up to {@code limit} due reservations and returns their order ids. */
    List<UUID> expireDue(int limit) {
        List<Reservation> due = this.reservations.lockExpired(Instant.now(), limit);
        // One combined, sorted release keeps the stock lock order global across the batch.
        SortedMap<Long, Integer> quantities = new TreeMap<>();
        due.forEach(reservation -> reservation
                .quantities()
                .forEach((productId, quantity) -> quantities.merge(productId, quantity, Integer::sum)));
        this.ledger.release(quantities);
        due.forEach(reservation -> reservation.changeTo(ReservationStatus.EXPIRED));
        if (!due.isEmpty()) {
            this.metrics.record("expired", due.size());
        }
        return due.stream().map(Reservation::orderId).toList();
    }

    private static ApiException closed(Reservation reservation) {
        return ApiException.conflict(
                "reservation-closed",
                "Reservation " + reservation.orderId() + " is " + reservation.status()
                        + "; use a new order id to reserve again");
    }

    record Reserved(ReservationView view, boolean created) {}
}
