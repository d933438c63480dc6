package dev.oddshop.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * How much telemetry a benchmarked platform emits, as environment for every service. Metrics stay
 * in all three: the benchmark reads them (allocations, GC, confirmed orders).
 */
enum TelemetrySetup {
    /** No tracing (nothing sampled, exported or propagated, so no exemplars), logs at WARN, no profiler. */
    OFF,
    /** Every request traced and exported over OTLP; logs at WARN, no profiler. */
    TRACING,
    /** As the demo ships: every request traced and exported, JSON logs at INFO, the Pyroscope agent profiling. */
    FULL;

    /** The services' environment, exporting to {@code sink} (a stand-in for Tempo and Pyroscope). */
    Map<String, String> environment(String sink) {
        Map<String, String> env = new HashMap<>();
        if (this == OFF) {
            env.put("MANAGEMENT_TRACING_EXPORT_ENABLED", "false");
            env.put("SHOP_TRACING_SAMPLING_PROBABILITY", "0");
        } else {
            env.put("SHOP_TRACING_SAMPLING_PROBABILITY", "1.0");
            env.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", sink + "/v1/traces");
        }
        if (this == FULL) {
            env.put("PYROSCOPE_SERVER_ADDRESS", sink);
        } else {
            env.put("LOGGING_LEVEL_ROOT", "WARN");
        }
        return env;
    }

    String label() {
        return name().toLowerCase();
    }
}
