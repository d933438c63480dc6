package dev.oddshop.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Maven Central binaries, for the embedded platform and for
 * tests. Each service gets its own database in it, as in production each owns its own.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A server whose data survives restarts in {@code dataDirectory}; {@code reset} starts empty. */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, boolean reset) {
        try {
            if (reset) {
                deleteRecursively(dataDirectory);
            }
            // never let the library clean up: it would delete the data when the server stops
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start());
        } catch (IOException ex) {
            throw new UncheckedIOException("PostgreSQL did not start", ex);
        }
    }

    /** One throw-away server per JVM on a free port, for tests; stopped when the JVM exits. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            try {
                shared = new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
            } catch (IOException ex) {
                throw new UncheckedIOException("PostgreSQL did not start", ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public int port() {
        return this.postgres.getPort();
    }

    /** Creates the database unless it exists and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (var rows = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("create database " + name);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + name, ex);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            this.postgres.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
