package dev.oddshop.platform.fault;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's faults where every replica of it reads them: its own database (tables
 * {@code shop_fault} and {@code shop_fault_instance}, db/faults/R__shop_faults.sql). Reached over a
 * pool of its own, so that a fault that exhausts or slows the service's pool cannot keep the
 * faults from being switched off.
 */
class FaultTable implements AutoCloseable {

    /** A replica silent for this long no longer counts as having a fault on. */
    static final Duration SILENT = Duration.ofSeconds(10);

    private final HikariDataSource pool;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transaction;

    FaultTable(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = new JdbcTemplate(pool);
        this.transaction = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    /** A pool of one connection to the service's database, opened when first used. */
    static HikariDataSource pool(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("faults");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        // the service starts, and keeps its faults, with its database away
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The faults not expired at {@code now}, the ones expired before it forgotten. */
    List<Fault> load(Instant now) {
        this.jdbc.update("delete from shop_fault where expires_at <= ?", Timestamp.from(now));
        return this.jdbc.query("select * from shop_fault", FaultTable::fault);
    }

    void save(Fault fault) {
        this.jdbc.update(
                """
                insert into shop_fault (id, kind, point, probability, duration, jitter, started_at, expires_at, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, point = excluded.point,
                    probability = excluded.probability, duration = excluded.duration, jitter = excluded.jitter,
                    started_at = excluded.started_at, expires_at = excluded.expires_at, note = excluded.note
                """,
                fault.id(),
                fault.kind().name(),
                fault.point(),
                fault.probability(),
                fault.duration().toString(),
                fault.jitter().toString(),
                Timestamp.from(fault.startedAt()),
                Timestamp.from(fault.expiresAt()),
                fault.note());
    }

    /** The fault deleted, if it was there. */
    Optional<Fault> delete(String id) {
        return this.jdbc.query("delete from shop_fault where id = ? returning *", FaultTable::fault, id).stream()
                .findFirst();
    }

    /** Records which faults the replica has on now, in place of what it reported before. */
    void report(String instance, Collection<String> faultIds, Instant now) {
        this.transaction.executeWithoutResult(status -> {
            this.jdbc.update(
                    "delete from shop_fault_instance where instance = ? or seen_at <= ?",
                    instance,
                    Timestamp.from(now.minus(SILENT.multipliedBy(6))));
            this.jdbc.batchUpdate(
                    "insert into shop_fault_instance (instance, fault_id, seen_at) values (?, ?, ?)",
                    faultIds.stream()
                            .map(id -> new Object[] {instance, id, Timestamp.from(now)})
                            .toList());
        });
    }

    /** The replicas that reported each fault on since {@link #SILENT} before {@code now}, by fault id. */
    Map<String, Collection<String>> instances(Instant now) {
        Map<String, Collection<String>> instances = new TreeMap<>();
        this.jdbc.query(
                "select fault_id, instance from shop_fault_instance where seen_at > ?",
                (RowCallbackHandler) row -> instances
                        .computeIfAbsent(row.getString("fault_id"), id -> new TreeSet<>())
                        .add(row.getString("instance")),
                Timestamp.from(now.minus(SILENT)));
        return instances;
    }

    @Override
    public void close() {
        this.pool.close();
    }

    private static Fault fault(ResultSet row, int number) throws SQLException {
        return new Fault(
                row.getString("id"),
                FaultKind.valueOf(row.getString("kind")),
                row.getString("point"),
                row.getDouble("probability"),
                Duration.parse(row.getString("duration")),
                Duration.parse(row.getString("jitter")),
                row.getTimestamp("started_at").toInstant(),
                row.getTimestamp("expires_at").toInstant(),
                row.getString("note"));
    }
}
