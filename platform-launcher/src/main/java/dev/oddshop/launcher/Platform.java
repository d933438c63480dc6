package dev.oddshop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The running platform: an embedded PostgreSQL and every service instance as its own JVM
 * process, with its log in {@code run/logs/<instance>.log}. An instance can be killed (SIGKILL)
 * and started again, for drills. {@link #close()} stops them all, services first.
 */
public final class Platform implements Instances, AutoCloseable {

    private static final String DISCOVERY = "spring.cloud.discovery.client.simple.instances.";

    private final PlatformConfig config;

    private final EmbeddedPostgresServer postgres;

    private final Map<ServiceInstance, Process> processes = new ConcurrentHashMap<>();

    private Platform(PlatformConfig config, EmbeddedPostgresServer postgres) {
        this.config = config;
        this.postgres = postgres;
    }

    /** Starts everything and returns once every service reports ready, or fails and stops all. */
    public static Platform start(PlatformConfig config) {
        for (ShopService service : ShopService.values()) {
            if (!Files.isRegularFile(service.jar(config.projectRoot()))) {
                throw new IllegalStateException("Missing " + service.jar(config.projectRoot())
                        + ": build first with ./mvnw -DskipTests package");
            }
        }
        try {
            Files.createDirectories(config.runDirectory().resolve("logs"));
            Files.createDirectories(config.runDirectory().resolve("pids"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
                config.postgresPort(), config.runDirectory().resolve("pgdata"), config.resetData());
        Platform platform = new Platform(config, postgres);
        try {
            for (ShopService service : ShopService.values()) {
                if (service.database() != null) {
                    postgres.createDatabase(service.database());
                }
            }
            // each start writes a log of its own; a restarted instance appends to it
            for (ServiceInstance instance : config.instances()) {
                Files.deleteIfExists(platform.log(instance));
            }
            // a service's replicas start together: their migrations meet at Flyway's lock
            config.instances().forEach(platform::launch);
            config.instances().forEach(platform::awaitReady);
            return platform;
        } catch (IOException ex) {
            platform.close();
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            platform.close();
            throw ex;
        }
    }

    @Override
    public List<ServiceInstance> instances() {
        return this.config.instances();
    }

    /**
     * host:port of every instance, as Prometheus scrapes them (its {@code instance} label), by the
     * service they are instances of (the targets' {@code service_name} label).
     */
    public Map<String, List<String>> scrapeTargets() {
        return this.config.instances().stream()
                .collect(Collectors.groupingBy(
                        instance -> instance.service().module(),
                        LinkedHashMap::new,
                        Collectors.mapping(
                                instance -> this.config.url(instance).replace("http://", ""), Collectors.toList())));
    }

    /**
     * Stops the instance as an orchestrator does (SIGTERM): it finishes what is in flight within
     * its graceful shutdown, then exits. Answers how long that took.
     */
    public Duration stop(ServiceInstance instance) {
        Process process = this.processes.remove(instance);
        if (process == null) {
            throw new IllegalStateException(instance.name() + " is not running");
        }
        Instant start = Instant.now();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(instance.name() + " did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return Duration.between(start, Instant.now());
    }

    @Override
    public void kill(ServiceInstance instance) {
        Process process = this.processes.remove(instance);
        if (process == null) {
            throw new IllegalStateException(instance.name() + " is not running");
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start(ServiceInstance instance) {
        if (!this.config.instances().contains(instance)) {
            throw new IllegalArgumentException("No instance " + instance.name() + " in this platform");
        }
        if (isRunning(instance)) {
            throw new IllegalStateException(instance.name() + " is running");
        }
        launch(instance);
        awaitReady(instance);
    }

    @Override
    public boolean isRunning(ServiceInstance instance) {
        Process process = this.processes.get(instance);
        return process != null && process.isAlive();
    }

    /** The instance's process, for what the operating system counts of it (CPU time, memory); empty when it is not running. */
    public Optional<ProcessHandle> process(ServiceInstance instance) {
        return Optional.ofNullable(this.processes.get(instance))
                .filter(Process::isAlive)
                .map(Process::toHandle);
    }

    private void launch(ServiceInstance instance) {
        ShopService service = instance.service();
        Path run = this.config.runDirectory();
        List<String> command =
                new ArrayList<>(List.of(javaCommand(), "-Xms64m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(instance).toFile()));
        builder.environment().putAll(environment(instance));
        if (builder.environment().get("PYROSCOPE_SERVER_ADDRESS") != null) {
            command.add("-javaagent:" + pyroscopeAgent());
            profilingEnvironment(service).forEach(builder.environment()::putIfAbsent);
        }
        command.addAll(List.of("-jar", service.jar(this.config.projectRoot()).toString()));
        builder.command(command);
        try {
            Process process = builder.start();
            this.processes.put(instance, process);
            Files.writeString(run.resolve("pids").resolve(instance.name() + ".pid"), Long.toString(process.pid()));
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + instance.name(), ex);
        }
    }

    private Path log(ServiceInstance instance) {
        return this.config.runDirectory().resolve("logs").resolve(instance.name() + ".log");
    }

    /** Where each service finds its database and its dependencies: the same names compose uses. */
    private Map<String, String> environment(ServiceInstance instance) {
        ShopService service = instance.service();
        Map<String, String> env = new HashMap<>(this.config.environment());
        env.put("PORT", Integer.toString(instance.port(this.config.gatewayPort())));
        // its name in the fault list: host:port, as Prometheus' instance label has it
        env.put("SHOP_INSTANCE", this.config.url(instance).replace("http://", ""));
        env.put("SHOP_ADMIN_TOKEN", this.config.adminToken());
        if (service == ShopService.GATEWAY) {
            env.put("SHOP_SESSION_KEY", this.config.sessionKey());
        } else {
            // only the gateway is reachable from other machines; the services answer on loopback
            env.put("SERVER_ADDRESS", "127.0.0.1");
        }
        env.put("DB_USER", this.postgres.username());
        env.put("DB_PASSWORD", this.postgres.password());
        for (ShopService other : ShopService.values()) {
            if (other.database() != null) {
                env.put(other.database().toUpperCase() + "_DB_URL", this.postgres.jdbcUrl(other.database()));
            }
        }
        env.put("CATALOG_URL", this.config.url(ShopService.CATALOG));
        env.put("INVENTORY_URL", this.config.url(ShopService.INVENTORY));
        env.put("ORDER_URL", this.config.url(ShopService.ORDER));
        env.put("PAYMENT_URL", this.config.url(ShopService.PAYMENT));
        env.put("PROVIDER_URL", this.config.url(ShopService.PAYMENT_PROVIDER));
        // every instance of every service, for Spring Cloud LoadBalancer (in place of the one URL each)
        env.put("SPRING_APPLICATION_JSON", discoveryJson());
        return env;
    }

    /** The instances as SimpleDiscoveryClient's static lists, one per service id. */
    private String discoveryJson() {
        return Stream.of(ShopService.values())
                .map(service -> "\"" + DISCOVERY + service.module() + "\":["
                        + this.config.instances(service).stream()
                                .map(instance -> "{\"uri\":\"" + this.config.url(instance) + "\"}")
                                .collect(Collectors.joining(","))
                        + "]")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The Pyroscope agent's settings (FACTS.md): CPU by itimer, allocations and locks, JFR format,
     * and the application name equal to service.name so Grafana's trace-to-profile link matches.
     */
    private Map<String, String> profilingEnvironment(ShopService service) {
        return Map.of(
                "PYROSCOPE_APPLICATION_NAME",
                service.module(),
                "PYROSCOPE_PROFILER_EVENT",
                "itimer",
                "PYROSCOPE_PROFILER_ALLOC",
                "512k",
                "PYROSCOPE_PROFILER_LOCK",
                "10ms",
                "PYROSCOPE_FORMAT",
                "jfr",
                "PYROSCOPE_LABELS",
                "service=" + service.module() + ",environment=local");
    }

    private Path pyroscopeAgent() {
        Path agent = this.config.projectRoot().resolve("platform-starter/target/agents/pyroscope-agent.jar");
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("Missing " + agent + ": build first with ./mvnw -DskipTests package");
        }
        return agent;
    }

    private void awaitReady(ServiceInstance instance) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(this.config.startTimeout());
        URI health = URI.create(this.config.url(instance) + "/actuator/health/readiness");
        while (!isReady(http, health)) {
            Process process = this.processes.get(instance);
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        instance.name() + " exited with " + process.exitValue() + "; see " + log(instance));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(instance.name() + " was not ready within "
                        + this.config.startTimeout().toSeconds() + " s");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static boolean isReady(HttpClient http, URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the platform", ex);
        }
    }

    public PlatformConfig config() {
        return this.config;
    }

    public EmbeddedPostgresServer postgres() {
        return this.postgres;
    }

    /** Stops the services (gracefully, then forcibly) in reverse start order, then PostgreSQL. */
    @Override
    public void close() {
        List<ServiceInstance> order = new ArrayList<>(this.config.instances());
        Collections.reverse(order);
        for (ServiceInstance instance : order) {
            Process process = this.processes.get(instance);
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
        for (Process process : this.processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        this.processes.clear();
        this.postgres.close();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
