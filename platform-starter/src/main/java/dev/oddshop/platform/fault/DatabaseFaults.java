package dev.oddshop.platform.fault;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The faults that act on the service's database, through its own DataSource (so they show in
 * the pool's metrics and, with JDBC observations, as spans). Present only where a DataSource is.
 */
public class DatabaseFaults {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFaults.class);

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    public DatabaseFaults(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * A slow statement; JdbcTemplate joins the caller's transaction, so the time is spent on the
     * connection that transaction holds, as a slow query's would be.
     */
    void slowQuery(Duration duration) {
        this.jdbc.query("select pg_sleep(?)", (ResultSetExtractor<Void>) rows -> null, duration.toMillis() / 1000.0);
    }

    /** Borrows a connection on a thread of its own and keeps it for the duration: a leak the request never sees. */
    void holdConnection(Fault fault) {
        Thread.ofVirtual().name("fault-" + fault.id()).start(() -> {
            try (Connection held = this.dataSource.getConnection()) {
                Thread.sleep(fault.duration());
            } catch (SQLException ex) {
                log.debug("Fault {} could not borrow a connection: {}", fault.id(), ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
