package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.inventory.reservation.ReservationStatus;
import dev.oddshop.inventory.reservation.ReservationView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sweeper (every 200 ms here) expires reservations and gives their stock back. Products 400..410. */
class ReservationExpiryTest extends InventoryTestSupport {

    @Test
    void expiredReservationGivesStockBackAndCommitRetakesIt() throws InterruptedException {
        setStock(400, 10);
        UUID order = UUID.randomUUID();
        reserve(order, ReservationLifecycleTest.items(Map.of(400L, 4), 1))
                .expectStatus()
                .isCreated();
        assertStock(400, 6, 4);

        awaitExpired(order);
        assertStock(400, 10, 0);

        ReservationView committed = view(post(order, "commit").expectStatus().isOk());
        assertThat(committed.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertStock(400, 6, 0);
    }

    @Test
    void expiredReservationCannotCommitWhenTheStockIsGone() throws InterruptedException {
        setStock(401, 5);
        UUID order = UUID.randomUUID();
        reserve(order, ReservationLifecycleTest.items(Map.of(401L, 3), 1))
                .expectStatus()
                .isCreated();
        awaitExpired(order);
        assertStock(401, 5, 0);
        setStock(401, 1);

        assertProblem(post(order, "commit"), 409, "insufficient-stock");
        assertThat(reservation(order).status()).isEqualTo(ReservationStatus.EXPIRED);
        assertStock(401, 1, 0);
        assertProblem(reserve(order, ReservationLifecycleTest.items(Map.of(401L, 1))), 409, "reservation-closed");

        // a compensation after expiry closes it for good
        assertThat(view(post(order, "release").expectStatus().isOk()).status()).isEqualTo(ReservationStatus.RELEASED);
        assertStock(401, 1, 0);
        assertProblem(post(order, "commit"), 409, "reservation-closed");
    }

    private void awaitExpired(UUID order) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (reservation(order).status() == ReservationStatus.ACTIVE
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(reservation(order).status()).isEqualTo(ReservationStatus.EXPIRED);
    }
}
