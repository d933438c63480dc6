package dev.oddshop.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One measured phase: a setup's platform under the benchmark's load.
 *
 * @param setup the telemetry setup
 * @param length how long arrivals lasted
 * @param spent what each service instance spent, by instance name
 * @param times the response times by request name
 * @param exportedBytes what the platform exported to its telemetry sink meanwhile
 */
record PhaseResult(
        TelemetrySetup setup,
        Duration length,
        Map<String, ServiceCounters> spent,
        Map<String, RequestTimes> times,
        long exportedBytes) {

    long requests() {
        return this.times.values().stream().mapToLong(RequestTimes::count).sum();
    }

    long failed() {
        return this.times.values().stream().mapToLong(RequestTimes::failed).sum();
    }

    double confirmedOrders() {
        return this.spent.values().stream()
                .mapToDouble(ServiceCounters::confirmedOrders)
                .sum();
    }
}
