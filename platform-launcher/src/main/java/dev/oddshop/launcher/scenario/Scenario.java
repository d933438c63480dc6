package dev.oddshop.launcher.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An incident as a data file (scenarios/NAME.yml): its faults with their timing, what users see,
 * the ground truth a diagnosis must name and the alerts that must fire.
 */
public record Scenario(
        String name,
        String title,
        String story,
        String symptom,
        String load,
        List<ScenarioFault> faults,
        GroundTruth groundTruth,
        List<Map<String, String>> expectedAlerts,
        String runbook) {

    /** The culprit: a service and a fault kind. */
    public record GroundTruth(String service, String kind) {}

    /** The same scenario with every fault lasting {@code length} from its start (a drill's fault phase). */
    public Scenario lastingFor(Duration length) {
        return new Scenario(
                this.name,
                this.title,
                this.story,
                this.symptom,
                this.load,
                this.faults.stream().map(fault -> fault.lastingFor(length)).toList(),
                this.groundTruth,
                this.expectedAlerts,
                this.runbook);
    }

    /** When the last fault ends, from the scenario's start. */
    public Duration length() {
        return this.faults.stream()
                .map(fault -> fault.after().plus(fault.lifetime()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }
}
