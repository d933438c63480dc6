package dev.oddshop.order.checkout;

import static dev.oddshop.order.checkout.StubServices.Endpoint.CHARGE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.PAYMENT_STATUS;
import static dev.oddshop.order.checkout.StubServices.Service.PAYMENT;
import static dev.oddshop.order.checkout.StubServices.captured;
import static dev.oddshop.order.checkout.StubServices.noAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.order.lifecycle.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;

/**
 * Replicas of order-service share one database and take turns at reconciling: the lock is a row
 * there. "Another replica" is a lock provider of its own on the same database, as a second
 * process would have.
 */
class ReconcilerLockTest extends CheckoutTestSupport {

    static final String LOCK = "order-reconciler";

    @Test
    void aRoundWhileAnotherReplicaReconcilesLeavesEveryOrderToIt() {
        UUID order = pendingOrderWhoseChargeWasCaptured();
        SimpleLock otherReplica = lockAsAnotherReplica().orElseThrow();
        try {
            assertThat(reconcile(order).status()).isEqualTo(OrderStatus.PENDING);
            assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        } finally {
            otherReplica.unlock();
        }

        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void aReplicaKilledMidRoundHoldsTheLockOnlyUntilItsLeaseEnds() {
        UUID order = pendingOrderWhoseChargeWasCaptured();
        // a killed replica never unlocks: its row names it until the lease it last took runs out
        this.jdbc.update("""
                insert into shedlock (name, lock_until, locked_at, locked_by)
                values (?, timezone('utc', now()) + interval '2 seconds', timezone('utc', now()), 'killed-replica')
                on conflict (name) do update set lock_until = excluded.lock_until, locked_by = excluded.locked_by
                """, LOCK);

        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.PENDING);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> reconcile(order).status(), status -> status == OrderStatus.CONFIRMED);
    }

    @Test
    void aRoundHoldsTheLockForAsLongAsItRuns() {
        UUID order = pendingOrderWhoseChargeWasCaptured();
        // the status look-up waits out its read timeout: a round in progress
        stubs.answer(PAYMENT_STATUS, noAnswer());
        CompletableFuture<?> round = CompletableFuture.runAsync(() -> reconcile(order));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stubs.called(PAYMENT, order).contains(PAYMENT_STATUS));

        assertThat(lockAsAnotherReplica()).isEmpty();

        round.join();
        Optional<SimpleLock> afterTheRound = lockAsAnotherReplica();
        assertThat(afterTheRound).isPresent();
        afterTheRound.get().unlock();
    }

    private UUID pendingOrderWhoseChargeWasCaptured() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, noAnswer());
        UUID order = checkout(cart).orderId();
        stubs.answer(PAYMENT_STATUS, captured());
        return order;
    }

    private Optional<SimpleLock> lockAsAnotherReplica() {
        LockProvider otherReplica = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(this.jdbc)
                .usingDbTime()
                .withLockedByValue("other-replica")
                .build());
        return otherReplica.lock(new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(1), Duration.ZERO));
    }
}
