package dev.oddshop.launcher.monitoring;

import dev.oddshop.launcher.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stack's Prometheus and Alertmanager as local processes (Debian's {@code prometheus} and
 * {@code prometheus-alertmanager}), with the stack's own rules and Alertmanager configuration,
 * scraping the given targets. What the drill and the live stack test run where no Docker is.
 */
public final class LocalMonitoring implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();

    private final URI prometheus;

    private final URI alertmanager;

    private LocalMonitoring(URI prometheus, URI alertmanager) {
        this.prometheus = prometheus;
        this.alertmanager = alertmanager;
    }

    /**
     * Starts both and returns once both are ready.
     * @param stack the observability-stack directory
     * @param targets host:port of every service to scrape (job "shop", /actuator/prometheus)
     * @param interval scrape and rule evaluation interval
     * @param work where configuration, data and logs go
     */
    public static LocalMonitoring start(Path stack, Map<String, List<String>> targets, Duration interval, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        int alertmanagerPort = FreePorts.range(1);
        int prometheusPort = FreePorts.range(1);
        LocalMonitoring monitoring = new LocalMonitoring(
                URI.create("http://127.0.0.1:" + prometheusPort), URI.create("http://127.0.0.1:" + alertmanagerPort));
        try {
            monitoring.launch(
                    work.resolve("alertmanager.log"),
                    "prometheus-alertmanager",
                    "--config.file=" + stack.resolve("alertmanager/alertmanager.yml"),
                    "--storage.path=" + work.resolve("alertmanager-data"),
                    "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                    "--cluster.listen-address=");
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, prometheusConfig(stack, targets, interval, alertmanagerPort));
            monitoring.launch(
                    work.resolve("prometheus.log"),
                    "prometheus",
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort,
                    "--enable-feature=exemplar-storage");
            monitoring.awaitReady(Duration.ofSeconds(60));
            return monitoring;
        } catch (IOException | InterruptedException | RuntimeException ex) {
            monitoring.close();
            throw ex;
        }
    }

    public URI prometheus() {
        return this.prometheus;
    }

    public URI alertmanager() {
        return this.alertmanager;
    }

    /**
     * The stack's prometheus.yml with these targets (by service: each group labelled with its
     * service_name, as compose's are), the stack's rule files and a local Alertmanager.
     */
    static String prometheusConfig(
            Path stack, Map<String, List<String>> targets, Duration interval, int alertmanagerPort) throws IOException {
        String rules;
        try (Stream<Path> files = Files.list(stack.resolve("prometheus/rules"))) {
            rules = files.filter(file -> file.toString().endsWith(".yml"))
                    .sorted()
                    .map(file -> "  - " + file.toAbsolutePath())
                    .collect(Collectors.joining("\n"));
        }
        String groups = targets.entrySet().stream()
                .map(service -> "      - targets: [%s]\n        labels: {service_name: %s}"
                        .formatted(
                                service.getValue().stream()
                                        .map(target -> '"' + target + '"')
                                        .collect(Collectors.joining(", ")),
                                service.getKey()))
                .collect(Collectors.joining("\n"));
        return """
				global:
				  scrape_interval: %ds
				  evaluation_interval: %ds
				rule_files:
				%s
				alerting:
				  alertmanagers:
				    - static_configs:
				        - targets: ["127.0.0.1:%d"]
				scrape_configs:
				  - job_name: shop
				    metrics_path: /actuator/prometheus
				    static_configs:
				%s
				""".formatted(interval.toSeconds(), interval.toSeconds(), rules, alertmanagerPort, groups);
    }

    private void launch(Path log, String... command) throws IOException {
        this.processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (ready(http, this.prometheus) && ready(http, this.alertmanager)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Prometheus or Alertmanager not ready within " + timeout
                + " (are Debian's prometheus and prometheus-alertmanager installed?)");
    }

    private static boolean ready(HttpClient http, URI base) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(base.resolve("/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        this.processes.forEach(Process::destroy);
        for (Process process : this.processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
