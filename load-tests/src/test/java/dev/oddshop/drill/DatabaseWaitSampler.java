package dev.oddshop.drill;

import dev.oddshop.drill.PhaseSignals.DatabaseWaits;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The database's own view of its sessions, sampled every two seconds from pg_stat_activity (what
 * postgres_exporter turns into metrics in production): statements waiting on a lock, and
 * statements running long without one.
 */
final class DatabaseWaitSampler implements AutoCloseable {

    private record Sample(Instant at, String database, boolean lockWait) {}

    private static final String SESSIONS = "select datname, wait_event_type from pg_stat_activity "
            + "where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid() "
            + "and (wait_event_type = 'Lock' or now() - query_start > interval '500 milliseconds')";

    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    private final Thread sampler;

    DatabaseWaitSampler(String jdbcUrl, String username, String password) {
        this.sampler = Thread.ofPlatform().daemon().name("db-wait-sampler").start(() -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                    Statement statement = connection.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                    Instant now = Instant.now();
                    try (ResultSet rows = statement.executeQuery(SESSIONS)) {
                        while (rows.next()) {
                            this.samples.add(new Sample(now, rows.getString(1), "Lock".equals(rows.getString(2))));
                        }
                    }
                    Thread.sleep(2_000);
                }
            } catch (SQLException ex) {
                System.err.println("Database wait sampling stopped: " + ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Lock waits and long statements seen in the phase, by database. */
    Map<String, DatabaseWaits> waits(Phase phase) {
        Map<String, DatabaseWaits> waits = new HashMap<>();
        for (Sample sample : this.samples) {
            if (!sample.at().isBefore(phase.start()) && sample.at().isBefore(phase.end())) {
                DatabaseWaits seen = waits.getOrDefault(sample.database(), new DatabaseWaits(0, 0));
                waits.put(
                        sample.database(),
                        sample.lockWait()
                                ? new DatabaseWaits(seen.lock() + 1, seen.sleep())
                                : new DatabaseWaits(seen.lock(), seen.sleep() + 1));
            }
        }
        return waits;
    }

    @Override
    public void close() {
        this.sampler.interrupt();
    }
}
