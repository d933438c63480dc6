package dev.oddshop.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The launcher's controls for drills, on loopback only and behind the admin token: {@code GET
 * /instances} lists the instances and whether each runs; {@code POST /instances/NAME/kill} kills
 * one with SIGKILL; {@code POST /instances/NAME/start} starts it again and answers once it is
 * ready. {@code ./shop kill} and {@code ./shop start} call it (its port is in run/launcher-port).
 */
public final class LauncherControl implements AutoCloseable {

    private static final Pattern ACTION = Pattern.compile("/instances/([a-z]+(?:-[a-z]+)*(?:-[0-9]+)?)/(kill|start)");

    private final Instances platform;

    private final byte[] token;

    private final HttpServer server;

    // one request at a time: a start waits for readiness, and two controls must not race
    private final ExecutorService requests = Executors.newSingleThreadExecutor();

    private LauncherControl(Instances platform, String token) throws IOException {
        this.platform = platform;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/", this::handle);
        this.server.setExecutor(this.requests);
    }

    /** Listens on a free loopback port until closed. */
    public static LauncherControl start(Instances platform, String adminToken) throws IOException {
        LauncherControl control = new LauncherControl(platform, adminToken);
        control.server.start();
        return control;
    }

    public int port() {
        return this.server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null
                    || !MessageDigest.isEqual(this.token, authorization.getBytes(StandardCharsets.UTF_8))) {
                answer(exchange, 401, "admin token required\n");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestURI().getRawQuery() != null) {
                answer(exchange, 400, "no query expected\n");
            } else if (path.equals("/instances")) {
                onlyMethod(exchange, "GET", this::list);
            } else {
                Matcher action = ACTION.matcher(path);
                Optional<ServiceInstance> instance = action.matches() ? named(action.group(1)) : Optional.empty();
                if (instance.isEmpty()) {
                    answer(exchange, 404, "no such instance or action: " + path + "\n");
                } else {
                    onlyMethod(exchange, "POST", ex -> act(ex, instance.get(), action.group(2)));
                }
            }
        }
    }

    private Optional<ServiceInstance> named(String name) {
        return this.platform.instances().stream()
                .filter(instance -> instance.name().equals(name))
                .findFirst();
    }

    private void list(HttpExchange exchange) throws IOException {
        answer(
                exchange,
                200,
                this.platform.instances().stream()
                        .map(instance -> instance.name() + " "
                                + (this.platform.isRunning(instance) ? "running" : "stopped") + "\n")
                        .collect(Collectors.joining()));
    }

    private void act(HttpExchange exchange, ServiceInstance instance, String action) throws IOException {
        boolean running = this.platform.isRunning(instance);
        if (action.equals("kill") == !running) {
            answer(exchange, 409, instance.name() + " is " + (running ? "running" : "not running") + "\n");
        } else if (action.equals("kill")) {
            this.platform.kill(instance);
            answer(exchange, 200, instance.name() + " killed (SIGKILL)\n");
        } else {
            try {
                this.platform.start(instance);
                answer(exchange, 200, instance.name() + " started and ready\n");
            } catch (RuntimeException ex) {
                answer(exchange, 500, instance.name() + " did not start: " + ex.getMessage() + "\n");
            }
        }
    }

    private static void onlyMethod(HttpExchange exchange, String method, Handler handler) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            handler.handle(exchange);
        } else {
            exchange.getResponseHeaders().set("Allow", method);
            answer(exchange, 405, "use " + method + "\n");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.requests.shutdownNow();
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
