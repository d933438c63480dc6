package dev.oddshop.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the benchmarked services export spans (OTLP/HTTP) and profiles (Pyroscope's /ingest): a
 * stand-in for Tempo and Pyroscope, which do not run here. It reads every request whole and
 * answers 200, so the exporters do all their work, and counts the bytes.
 */
final class TelemetrySink implements AutoCloseable {

    private final HttpServer server;

    private final AtomicLong bytes = new AtomicLong();

    TelemetrySink() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                this.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        this.server.start();
    }

    String url() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /** Bytes received so far. */
    long bytes() {
        return this.bytes.get();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
