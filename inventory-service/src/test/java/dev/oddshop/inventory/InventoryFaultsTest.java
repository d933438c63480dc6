package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.platform.fault.FaultSwitch;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database faults measured where they act, on real PostgreSQL: slow SQL inside the
 * reservation's transaction, a leaking pool, a hot row held locked. Products 400..420.
 */
class InventoryFaultsTest extends InventoryTestSupport {

    @Autowired
    FaultSwitch faults;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void switchFaultsOff() {
        this.faults.active().forEach(active -> this.faults.off(active.fault().id()));
    }

    @Test
    void slowSqlIsSpentInPostgresqlInsideTheReservation() throws Exception {
        setStock(400, 10);
        enable(Map.of(
                "id", "slow-reserve", "kind", "SLOW_SQL", "point", "inventory.reserve.sql", "duration", "PT0.6S"));
        AtomicBoolean seenInDatabase = new AtomicBoolean();
        AtomicBoolean reserved = new AtomicBoolean();
        // watches for as long as the reservation runs, however slow the machine; on a thread of its own,
        // since a busy loop in the common pool (one thread on two cores) would starve the HTTP client
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (!seenInDatabase.get() && !reserved.get()) {
                seenInDatabase.set(this.jdbc.queryForObject(
                                "select count(*) from pg_stat_activity where query like 'select pg_sleep%' and state = 'active'"
                                        + " and xact_start is not null",
                                Integer.class)
                        > 0);
            }
        });
        long started = System.nanoTime();
        reserve(UUID.randomUUID(), ReservationLifecycleTest.items(Map.of(400L, 1)))
                .expectStatus()
                .isCreated();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        reserved.set(true);
        watcher.join();

        // bounded from below only: the sleep the fault asked for
        assertThat(millis).isGreaterThanOrEqualTo(600L);
        assertThat(seenInDatabase)
                .as("pg_sleep seen active in a transaction by pg_stat_activity")
                .isTrue();
        assertStock(400, 9, 1);
    }

    @Test
    void heldConnectionsDrainThePoolAndReservationsWaitForOne() throws Exception {
        setStock(401, 100);
        enable(Map.of(
                "id", "connection-leak", "kind", "POOL_EXHAUSTION", "point", "inventory.reserve", "duration", "PT3S"));
        double waitedBefore = acquireMaxSeconds();
        // each reservation leaves a connection held for 3 s: twenty-one in a row drain the pool of
        // twenty well within that, so one of the last has to wait for a held connection to come back
        List<Integer> statuses = new ArrayList<>();
        long slowest = 0;
        for (int n = 0; n < 21; n++) {
            long started = System.nanoTime();
            statuses.add(reserveOne(401));
            slowest = Math.max(
                    slowest, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        // every reservation got its connection in the end and took stock once
        assertThat(statuses).hasSize(21).containsOnly(201);
        assertThat(slowest).as("the slowest reservation, ms").isGreaterThan(500);
        assertThat(acquireMaxSeconds())
                .as("longest wait for a connection, s")
                .isGreaterThan(Math.max(waitedBefore, 0.5));
        assertStock(401, 79, 21);
        this.faults.off("connection-leak");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        this.meters.get("hikaricp.connections.active").gauge().value() < 20);
    }

    @Test
    void aHotRowHeldLockedSerialisesItsBuyersButNotOthers() throws Exception {
        IntStream.rangeClosed(402, 407).forEach(product -> setStock(product, 10));
        enable(Map.of(
                "id", "hot-row", "kind", "LOCK_CONTENTION", "point", "inventory.stock.locked", "duration", "PT0.4S"));

        LockWaits sameRowWaits = LockWaits.watch(this.jdbc);
        long sameRow = timed(() -> inParallel(
                5,
                n -> reserve(UUID.randomUUID(), ReservationLifecycleTest.items(Map.of(402L, 1)))
                        .expectStatus()
                        .isCreated()));
        sameRowWaits.stop();
        LockWaits otherRowsWaits = LockWaits.watch(this.jdbc);
        inParallel(
                5,
                n -> reserve(UUID.randomUUID(), ReservationLifecycleTest.items(Map.of(403L + n, 1)))
                        .expectStatus()
                        .isCreated());
        otherRowsWaits.stop();

        // five buyers of one row wait for each other's lock: at least 5 x 0.4 s; five rows proceed side
        // by side, none ever waiting for a lock (what PostgreSQL reports, not a wall-clock comparison)
        assertThat(sameRow).isGreaterThanOrEqualTo(2_000L);
        assertThat(sameRowWaits.seen())
                .as("buyers of one row seen waiting for its lock")
                .isTrue();
        assertThat(otherRowsWaits.seen())
                .as("buyers of different rows seen waiting for a lock")
                .isFalse();
        assertStock(402, 5, 5);
    }

    private void enable(Map<String, Object> fault) {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(fault)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private int reserveOne(long product) {
        return reserve(UUID.randomUUID(), ReservationLifecycleTest.items(Map.of(product, 1)))
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private double acquireMaxSeconds() {
        return this.meters.get("hikaricp.connections.acquire").timer().max(TimeUnit.SECONDS);
    }

    private static long timed(Callable<?> work) throws Exception {
        long started = System.nanoTime();
        work.call();
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static <T> List<T> inParallel(int calls, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                futures.add(pool.submit(() -> call.call(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Watches PostgreSQL for a client session of this database waiting for a lock, until stopped. */
    private static final class LockWaits {

        private final AtomicBoolean seen = new AtomicBoolean();

        private final AtomicBoolean stopped = new AtomicBoolean();

        private final Thread watcher;

        private LockWaits(JdbcTemplate jdbc) {
            this.watcher = Thread.ofPlatform().start(() -> {
                while (!this.stopped.get()) {
                    if (jdbc.queryForObject(
                                    "select count(*) from pg_stat_activity where datname = current_database()"
                                            + " and backend_type = 'client backend' and wait_event_type = 'Lock'",
                                    Integer.class)
                            > 0) {
                        this.seen.set(true);
                    }
                }
            });
        }

        static LockWaits watch(JdbcTemplate jdbc) {
            return new LockWaits(jdbc);
        }

        void stop() throws InterruptedException {
            this.stopped.set(true);
            this.watcher.join();
        }

        boolean seen() {
            return this.seen.get();
        }
    }

    /** The n-th of a batch of parallel calls. */
    interface IndexedCall<T> {

        T call(int n) throws Exception;
    }
}
