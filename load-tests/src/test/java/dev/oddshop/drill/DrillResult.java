package dev.oddshop.drill;

import dev.oddshop.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a drill found, and its verdict. */
record DrillResult(
        Scenario scenario,
        List<Phase> phases,
        List<PhaseSignals> signals,
        List<Detection> detections,
        List<Map<String, String>> unexpectedAlerts,
        List<Suspect> suspects,
        Optional<List<String>> audit,
        Path gatlingReport,
        List<PrometheusApi.Exemplar> worstTraces) {

    /**
     * An expected alert: when Prometheus fired it and Alertmanager had it, from the fault's start;
     * one already firing before the fault detected nothing (the baseline was not healthy).
     */
    record Detection(Map<String, String> alert, Duration firing, Duration paged, boolean firingBeforeFault) {

        boolean detected() {
            return this.firing != null && this.paged != null && !this.firingBeforeFault;
        }
    }

    boolean topOne() {
        return !this.suspects.isEmpty() && isCulprit(this.suspects.getFirst());
    }

    boolean topThree() {
        return this.suspects.stream().limit(3).anyMatch(this::isCulprit);
    }

    boolean auditClean() {
        return this.audit.map(List::isEmpty).orElse(true);
    }

    /** Why the drill failed; empty when it passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        this.detections.stream()
                .filter(detection -> !detection.detected())
                .forEach(detection -> failures.add((detection.firingBeforeFault()
                                ? "expected alert already fired before the fault: "
                                : "expected alert did not fire: ")
                        + detection.alert()));
        if (!auditClean()) {
            failures.add("audit failed: " + this.audit.orElseThrow());
        }
        if (!topThree()) {
            failures.add("culprit " + this.scenario.groundTruth() + " not in the top 3 suspects");
        }
        return failures;
    }

    /** The slowest expected alert's time to page, or null when one was not detected. */
    Duration detectionTime() {
        if (this.detections.stream().anyMatch(detection -> !detection.detected())) {
            return null;
        }
        return this.detections.stream()
                .map(Detection::paged)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private boolean isCulprit(Suspect suspect) {
        return suspect.is(
                this.scenario.groundTruth().service(),
                this.scenario.groundTruth().kind());
    }
}
