package dev.oddshop.drill;

import dev.oddshop.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Before the fault matrix's first pair: the pairs' load until the platform is warm and its drill
 * pages are quiet under that load. A fixed warm-up was not enough: on CI's two cores the JIT kept
 * checkouts slower than 1 s for minutes, the checkout-latency pages were still firing when the
 * first pair's fault began, and a page that fires before a fault detects nothing.
 */
final class MatrixWarmUp {

    /** Unmonitored, so the JIT's first minute never reaches a burn-rate window. */
    private static final Duration UNMONITORED = Duration.ofSeconds(60);

    /** The history the business guard's recent baseline leaves out: Prometheus's first 2 minutes. */
    private static final Duration HISTORY = Duration.ofMinutes(2);

    /** Each round is its own Gatling run, so the warm-up ends soon after the platform is ready. */
    private static final Duration ROUND = Duration.ofSeconds(30);

    /** Then the matrix goes on, and the first pair's row names the pages carried over. */
    private static final Duration LIMIT = Duration.ofMinutes(8);

    private MatrixWarmUp() {}

    static void run(DrillTarget target, Scenario scenario, double checkoutRate, Path out) throws Exception {
        Instant start = Instant.now();
        load(target, scenario, checkoutRate, UNMONITORED, out);
        target.startMonitoring();
        Instant monitored = Instant.now();
        while (true) {
            load(target, scenario, checkoutRate, ROUND, out);
            List<Map<String, String>> paging = DrillRun.activeExpectedAlerts(target.prometheus(), scenario);
            Duration history = Duration.between(monitored, Instant.now());
            Duration spent = Duration.between(start, Instant.now());
            if (paging.isEmpty() && history.compareTo(HISTORY) >= 0) {
                DrillRun.log("warm-up: warm and quiet after %d s", spent.toSeconds());
                return;
            }
            if (spent.compareTo(LIMIT) >= 0) {
                DrillRun.log("warm-up: still paging after %d s (%s); the matrix goes on", spent.toSeconds(), paging);
                return;
            }
            DrillRun.log(
                    "warm-up: %d s of history%s",
                    history.toSeconds(), paging.isEmpty() ? ", quiet" : ", paging: " + paging);
        }
    }

    private static void load(DrillTarget target, Scenario scenario, double checkoutRate, Duration length, Path out)
            throws Exception {
        LoadDriver.start(scenario.load(), target.gateway(), target.adminToken(), checkoutRate, length, out)
                .awaitReport();
    }
}
