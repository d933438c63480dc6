package dev.oddshop.bench;

import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service has spent so far: CPU time as the operating system counts it for its process
 * (every thread: JIT and GC included), bytes allocated and GC pauses from its own JVM metrics,
 * confirmed orders from its business metrics (order-service), and its resident memory now.
 *
 * @param cpu CPU time since the process started
 * @param allocatedBytes jvm_gc_memory_allocated_bytes_total
 * @param gcPauseSeconds jvm_gc_pause_seconds_sum, every collector and cause
 * @param confirmedOrders shop_orders_total{outcome="confirmed"} (0 outside order-service)
 * @param residentBytes resident set size now (VmRSS)
 */
record ServiceCounters(
        Duration cpu, double allocatedBytes, double gcPauseSeconds, double confirmedOrders, long residentBytes) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Every running instance of the platform, by instance name. */
    static Map<String, ServiceCounters> of(Platform platform) throws IOException, InterruptedException {
        Map<String, ServiceCounters> counters = new LinkedHashMap<>();
        for (ServiceInstance instance : platform.instances()) {
            var process = platform.process(instance);
            if (process.isEmpty()) {
                continue;
            }
            String metrics = HTTP.send(
                            HttpRequest.newBuilder(URI.create(platform.config().url(instance) + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            counters.put(
                    instance.name(),
                    new ServiceCounters(
                            process.get().info().totalCpuDuration().orElse(Duration.ZERO),
                            PrometheusText.sum(metrics, "jvm_gc_memory_allocated_bytes_total", ""),
                            PrometheusText.sum(metrics, "jvm_gc_pause_seconds_sum", ""),
                            PrometheusText.sum(metrics, "shop_orders_total", "outcome=\"confirmed\""),
                            residentBytes(process.get().pid())));
        }
        return counters;
    }

    /** What was spent between {@code before} and this; the resident memory is this one's. */
    ServiceCounters since(ServiceCounters before) {
        return new ServiceCounters(
                this.cpu.minus(before.cpu),
                this.allocatedBytes - before.allocatedBytes,
                this.gcPauseSeconds - before.gcPauseSeconds,
                this.confirmedOrders - before.confirmedOrders,
                this.residentBytes);
    }

    /** From /proc (Linux); 0 where there is none. */
    private static long residentBytes(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> 1024 * Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(0);
    }
}
