package dev.oddshop.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for every service behind the gateway in its module tests (the real services run in
 * platform-tests): it records each request it receives and answers 200 with an empty object; its
 * liveness probe answers UP.
 */
public final class StubServices implements AutoCloseable {

    /**
     * A request as the service received it.
     *
     * @param method the method
     * @param rawPath the path exactly as forwarded
     * @param headers the headers, names in lower case
     */
    public record Received(String method, String rawPath, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = this.headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }
    }

    private final HttpServer server;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    public StubServices() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // the gateway's load balancer checks each instance's liveness: answered, not recorded
        this.server.createContext("/actuator/health/liveness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            exchange.getRequestBody().readAllBytes();
            this.received.add(new Received(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.server.start();
    }

    /** The address of a port nothing listens on: a service that refuses every connection. */
    public static String closedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(this.received);
    }

    public Received last() {
        return this.received.getLast();
    }

    public void clear() {
        this.received.clear();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
