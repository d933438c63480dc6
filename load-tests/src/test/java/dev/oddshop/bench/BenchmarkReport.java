package dev.oddshop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's tables, in Markdown: per setup, summed over its phases (CPU, allocations, GC,
 * requests and orders add up); response-time percentiles are the mean of the phases' own.
 */
final class BenchmarkReport {

    private final Map<TelemetrySetup, List<PhaseResult>> bySetup = new LinkedHashMap<>();

    private final Map<TelemetrySetup, Duration> startUps;

    private BenchmarkReport(List<PhaseResult> results, Map<TelemetrySetup, Duration> startUps) {
        this.startUps = startUps;
        for (PhaseResult result : results) {
            this.bySetup
                    .computeIfAbsent(result.setup(), setup -> new ArrayList<>())
                    .add(result);
        }
    }

    /** {@code startUps}: how long each setup's platform took from launch until every service was ready. */
    static String of(
            List<PhaseResult> results,
            Map<TelemetrySetup, Duration> startUps,
            double rate,
            double browseRate,
            Duration phase,
            int rounds) {
        BenchmarkReport report = new BenchmarkReport(results, startUps);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%nBenchmark: %s purchase and %s browse journeys per second, %d s per phase, %d rounds, setups in turn; %d cores%n%n",
                rate,
                browseRate,
                phase.toSeconds(),
                rounds,
                Runtime.getRuntime().availableProcessors()));
        report.summary(out);
        report.services(out);
        report.responseTimes(out);
        return out.toString();
    }

    private void summary(StringBuilder out) {
        out.append(
                "| setup | requests/s | failed | confirmed orders/s | CPU ms per order (all services) | vs off"
                        + " | checkout p95 ms | vs off | exported KB per request | ready after | resident MB (all services, max) |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        TelemetrySetup first = this.bySetup.keySet().iterator().next();
        for (TelemetrySetup setup : this.bySetup.keySet()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f %% | %.2f | %.1f | %s | %.0f | %s | %.1f | %d s | %.0f |%n",
                    setup.label(),
                    requests(setup) / seconds(setup),
                    100.0 * sum(setup, PhaseResult::failed) / requests(setup),
                    orders(setup) / seconds(setup),
                    cpuPerOrder(setup),
                    ratio(cpuPerOrder(setup), cpuPerOrder(first)),
                    checkoutP95(setup),
                    ratio(checkoutP95(setup), checkoutP95(first)),
                    sum(setup, PhaseResult::exportedBytes) / 1024.0 / requests(setup),
                    this.startUps.getOrDefault(setup, Duration.ZERO).toSeconds(),
                    residentMegabytes(setup)));
        }
        out.append('\n');
    }

    private void services(StringBuilder out) {
        out.append(
                "| setup | service | CPU ms per request | CPU ms per order | allocated KB per request | GC pause ms per 1000 requests | resident MB (max) |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (TelemetrySetup setup : this.bySetup.keySet()) {
            for (String service : services(setup)) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.2f | %.1f | %.0f | %.1f | %.0f |%n",
                        setup.label(),
                        service,
                        spent(setup, service, counters -> counters.cpu().toNanos() / 1e6) / requests(setup),
                        spent(setup, service, counters -> counters.cpu().toNanos() / 1e6) / orders(setup),
                        spent(setup, service, ServiceCounters::allocatedBytes) / 1024 / requests(setup),
                        spent(setup, service, ServiceCounters::gcPauseSeconds) * 1e6 / requests(setup),
                        this.bySetup.get(setup).stream()
                                .mapToDouble(
                                        result -> result.spent().get(service).residentBytes() / 1048576.0)
                                .max()
                                .orElse(0)));
            }
        }
        out.append('\n');
    }

    private void responseTimes(StringBuilder out) {
        Set<String> requests = new LinkedHashSet<>();
        this.bySetup
                .values()
                .forEach(phases ->
                        phases.forEach(result -> requests.addAll(result.times().keySet())));
        StringBuilder header = new StringBuilder("| request |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (TelemetrySetup setup : this.bySetup.keySet()) {
            header.append(' ').append(setup.label()).append(" p50 / p95 / p99 ms |");
            rule.append(" --- |");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (String request : requests) {
            out.append("| ").append(request).append(" |");
            for (TelemetrySetup setup : this.bySetup.keySet()) {
                out.append(String.format(
                        Locale.ROOT,
                        " %.0f / %.0f / %.0f |",
                        meanOf(setup, request, RequestTimes::p50),
                        meanOf(setup, request, RequestTimes::p95),
                        meanOf(setup, request, RequestTimes::p99)));
            }
            out.append('\n');
        }
    }

    /** The most the setup's services held in memory together at the end of a phase. */
    private double residentMegabytes(TelemetrySetup setup) {
        return this.bySetup.get(setup).stream()
                        .mapToDouble(result -> result.spent().values().stream()
                                .mapToLong(ServiceCounters::residentBytes)
                                .sum())
                        .max()
                        .orElse(0)
                / 1048576;
    }

    private Set<String> services(TelemetrySetup setup) {
        return this.bySetup.get(setup).getFirst().spent().keySet();
    }

    private double cpuPerOrder(TelemetrySetup setup) {
        double cpuMillis = 0;
        for (String service : services(setup)) {
            cpuMillis += spent(setup, service, counters -> counters.cpu().toNanos() / 1e6);
        }
        return cpuMillis / orders(setup);
    }

    private double checkoutP95(TelemetrySetup setup) {
        return meanOf(setup, "checkout", RequestTimes::p95);
    }

    private double spent(TelemetrySetup setup, String service, ToDoubleFunction<ServiceCounters> figure) {
        return this.bySetup.get(setup).stream()
                .mapToDouble(result -> figure.applyAsDouble(result.spent().get(service)))
                .sum();
    }

    private double meanOf(TelemetrySetup setup, String request, ToDoubleFunction<RequestTimes> percentile) {
        return this.bySetup.get(setup).stream()
                .filter(result -> result.times().containsKey(request))
                .mapToDouble(result -> percentile.applyAsDouble(result.times().get(request)))
                .average()
                .orElse(Double.NaN);
    }

    private double requests(TelemetrySetup setup) {
        return sum(setup, PhaseResult::requests);
    }

    private double orders(TelemetrySetup setup) {
        return sum(setup, PhaseResult::confirmedOrders);
    }

    private double seconds(TelemetrySetup setup) {
        return sum(setup, result -> result.length().toSeconds());
    }

    private double sum(TelemetrySetup setup, ToDoubleFunction<PhaseResult> figure) {
        return this.bySetup.get(setup).stream().mapToDouble(figure).sum();
    }

    private static String ratio(double value, double reference) {
        return String.format(Locale.ROOT, "%+.0f %%", 100 * (value / reference - 1));
    }
}
