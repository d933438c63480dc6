package dev.oddshop.drill;

import dev.oddshop.launcher.scenario.FaultControl;
import dev.oddshop.launcher.scenario.InstanceCrashes;
import dev.oddshop.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One drill: load throughout, warm-up, baseline, the scenario's faults on, off, recovery; then
 * what the signals showed, the ranked suspects and the audit.
 */
final class DrillRun {

    private DrillRun() {}

    static DrillResult run(Scenario fileScenario, DrillTimings timings, DrillTarget target, Path out) throws Exception {
        Scenario scenario = fileScenario.lastingFor(timings.fault());
        FaultControl faults = new FaultControl(URI.create(target.gateway()), target.adminToken());
        Optional<InstanceCrashes> crashes = InstanceCrashes.of(
                scenario,
                target.instances(),
                () -> scenario.name() + " crashes instances, which the drill does on its embedded platform only");
        target.startAudit();
        Instant start = Instant.now();
        LoadDriver load = LoadDriver.start(
                scenario.load(),
                target.gateway(),
                target.adminToken(),
                timings.checkoutRate(),
                timings.total(),
                out.resolve("gatling"));
        Phase warmUp = phase("warm-up", start, timings.warmUp());
        sleepUntil(warmUp.end());
        load.ensureRunning();
        target.startMonitoring();
        PrometheusApi prometheus = target.prometheus();
        try (AlertWatcher alerts = new AlertWatcher(prometheus)) {
            Instant baselineStart = Instant.now();
            sleepUntil(baselineStart.plus(timings.baseline()));
            List<Map<String, String>> firingBeforeFault = awaitQuiet(prometheus, scenario, Duration.ofMinutes(2));
            Phase baseline = new Phase("baseline", baselineStart, Instant.now());
            Instant faultStart = Instant.now();
            faults.start(scenario);
            crashes.ifPresent(crash -> crash.start(scenario));
            log(
                    "%s: faults on (%s), instances crashed (%s)",
                    scenario.name(),
                    scenario.faults().size(),
                    scenario.crashes().size());
            sleepUntil(faultStart.plus(timings.fault()));
            faults.stop(scenario);
            // an orchestrator restarts a crashed instance while the others serve on: the recovery
            // starts now, not once the instance is ready again (that takes tens of seconds)
            CompletableFuture<Void> restarted = crashes.map(
                            crash -> CompletableFuture.runAsync(() -> crash.stop(scenario)))
                    .orElseGet(() -> CompletableFuture.completedFuture(null));
            Instant faultEnd = Instant.now();
            log("%s: faults off; recovery", scenario.name());
            Phase fault = new Phase("fault", faultStart, faultEnd);
            Phase recovery = phase("recovery", faultEnd, timings.recovery());
            Path gatlingReport = load.awaitReport();
            sleepUntil(recovery.end().plusSeconds(5));
            restarted.join();

            SignalCollector collector = new SignalCollector(prometheus);
            List<PhaseSignals> signals = new ArrayList<>();
            for (Phase phase : List.of(baseline, fault, recovery)) {
                signals.add(collector.collect(phase, target.waits(phase)));
            }
            List<DrillResult.Detection> detections = new ArrayList<>();
            for (Map<String, String> expected : scenario.expectedAlerts()) {
                boolean early = firingBeforeFault.stream()
                        .anyMatch(alert -> alert.entrySet().containsAll(expected.entrySet()));
                detections.add(new DrillResult.Detection(
                        expected,
                        since(faultStart, firstFiring(prometheus, expected, faultStart, recovery.end())),
                        since(faultStart, alerts.firstSeen(expected)),
                        early));
            }
            List<Map<String, String>> unexpected = alerts.seenAfter(baseline.start()).stream()
                    .filter(alert -> scenario.expectedAlerts().stream()
                            .noneMatch(expected -> alert.entrySet().containsAll(expected.entrySet())))
                    .toList();
            List<Suspect> suspects = SuspectRanking.rank(signals.get(0), signals.get(1));
            return new DrillResult(
                    scenario,
                    List.of(warmUp, baseline, fault, recovery),
                    signals,
                    detections,
                    unexpected,
                    suspects,
                    target.audit(Duration.ofSeconds(90)),
                    gatlingReport,
                    prometheus.exemplars("shop_checkout_seconds_bucket", faultStart, faultEnd).stream()
                            .limit(3)
                            .toList());
        }
    }

    /**
     * Waits (at most {@code limit}) until none of the scenario's expected alerts is active, so the
     * fault starts from a quiet shop; returns those still active when the wait ran out.
     */
    static List<Map<String, String>> awaitQuiet(PrometheusApi prometheus, Scenario scenario, Duration limit)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (true) {
            List<Map<String, String>> active = activeExpectedAlerts(prometheus, scenario);
            if (active.isEmpty() || Instant.now().isAfter(end)) {
                return active;
            }
            log("%s: waiting for a quiet baseline (%s active)", scenario.name(), active);
            Thread.sleep(5_000);
        }
    }

    /** The alerts Alertmanager holds active that the scenario expects. */
    static List<Map<String, String>> activeExpectedAlerts(PrometheusApi prometheus, Scenario scenario) {
        return prometheus.alertmanagerAlerts().stream()
                .filter(alert -> scenario.expectedAlerts().stream()
                        .anyMatch(expected -> alert.entrySet().containsAll(expected.entrySet())))
                .toList();
    }

    /** When Prometheus first had the alert firing in the range (its ALERTS series), or null. */
    private static Instant firstFiring(PrometheusApi prometheus, Map<String, String> alert, Instant from, Instant to) {
        StringBuilder selector = new StringBuilder("ALERTS{alertstate=\"firing\"");
        alert.forEach((name, value) ->
                selector.append(',').append(name).append("=\"").append(value).append('"'));
        selector.append('}');
        return prometheus.range(selector.toString(), from, to, Duration.ofSeconds(5)).stream()
                .flatMap(series -> series.points().stream())
                .map(point -> Instant.ofEpochSecond((long) point[0]))
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static Duration since(Instant start, Instant then) {
        return then == null ? null : Duration.between(start, then);
    }

    private static Phase phase(String name, Instant start, Duration length) {
        return new Phase(name, start, start.plus(length));
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[drill %tT] %s%n", Instant.now().toEpochMilli(), format.formatted(args));
    }
}
