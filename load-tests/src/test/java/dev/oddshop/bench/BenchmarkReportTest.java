package dev.oddshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void addsThePhasesOfASetupUpAndComparesEachSetupWithTheFirst() {
        // off: 2 phases, 60 orders and 6 s of CPU in all (100 ms per order); full: 60 orders, 6.6 s (+10 %)
        List<PhaseResult> results = List.of(
                phase(TelemetrySetup.OFF, 2_000, 1_000, 30, 400),
                phase(TelemetrySetup.FULL, 2_200, 1_100, 30, 440),
                phase(TelemetrySetup.OFF, 2_000, 1_000, 30, 600),
                phase(TelemetrySetup.FULL, 2_200, 1_100, 30, 660));

        String report = BenchmarkReport.of(
                results,
                Map.of(TelemetrySetup.OFF, Duration.ofSeconds(41), TelemetrySetup.FULL, Duration.ofSeconds(47)),
                2,
                2,
                MINUTE,
                2);

        assertThat(report)
                .contains("| off | 16.7 | 0.00 % | 0.50 | 100.0 | +0 % | 500 | +0 % | 0.0 | 41 s | 600 |")
                .contains("| full | 16.7 | 0.00 % | 0.50 | 110.0 | +10 % | 550 | +10 % | 0.0 | 47 s | 600 |")
                // 4 s of order-service CPU and 1 s of its GC pauses over 2,000 requests and 60 orders
                .contains("| off | order-service | 2.00 | 66.7 | 1 | 500.0 | 300 |")
                .contains("| checkout | 500 / 500 / 600 | 550 / 550 / 660 |");
    }

    /** A phase of 1,000 requests (half of them checkouts) and 30 confirmed orders. */
    private static PhaseResult phase(
            TelemetrySetup setup, long orderCpuMillis, long gatewayCpuMillis, double orders, int checkoutP95) {
        return new PhaseResult(
                setup,
                MINUTE,
                Map.of("gateway", counters(gatewayCpuMillis, 0), "order-service", counters(orderCpuMillis, orders)),
                Map.of(
                        "checkout",
                        new RequestTimes(500, 0, checkoutP95, checkoutP95, checkoutP95 * 6 / 5),
                        "product page",
                        new RequestTimes(500, 0, 10, 20, 30)),
                0);
    }

    private static ServiceCounters counters(long cpuMillis, double orders) {
        return new ServiceCounters(Duration.ofMillis(cpuMillis), 1024.0 * 1000, 0.0005 * 1000, orders, 300L << 20);
    }
}
