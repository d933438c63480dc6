package dev.oddshop.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An incident as a data file (scenarios/NAME.yml): its faults with their timing, the replicas it
 * needs and the instances it crashes, what users see, the ground truth a diagnosis must name and
 * the alerts that must fire.
 *
 * @param replicas instances per service (module name) the scenario needs (the embedded platform's --replicas);
 * empty for one each
 */
public record Scenario(
        String name,
        String title,
        String story,
        String symptom,
        String load,
        List<ScenarioFault> faults,
        Map<String, Integer> replicas,
        List<InstanceCrash> crashes,
        GroundTruth groundTruth,
        List<Map<String, String>> expectedAlerts,
        String runbook) {

    /** The culprit: a service and a fault kind. */
    public record GroundTruth(String service, String kind) {}

    /** The same scenario with every fault lasting {@code length} from its start (a drill's fault phase). */
    public Scenario lastingFor(Duration length) {
        return with(
                this.faults.stream().map(fault -> fault.lastingFor(length)).toList(),
                this.crashes.stream().map(crash -> crash.lastingFor(length)).toList());
    }

    /** The same scenario with every fault starting {@code by} later, under {@code note}. */
    public Scenario delayed(Duration by, String note) {
        return with(this.faults.stream().map(fault -> fault.delayed(by, note)).toList(), this.crashes);
    }

    private Scenario with(List<ScenarioFault> otherFaults, List<InstanceCrash> otherCrashes) {
        return new Scenario(
                this.name,
                this.title,
                this.story,
                this.symptom,
                this.load,
                otherFaults,
                this.replicas,
                otherCrashes,
                this.groundTruth,
                this.expectedAlerts,
                this.runbook);
    }

    /** The replicas as the launcher's --replicas option takes them: {@code order-service=2}. */
    public String replicasOption() {
        return this.replicas.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    /** When the last fault ends or the last crashed instance comes back, from the scenario's start. */
    public Duration length() {
        return Stream.concat(
                        this.faults.stream().map(fault -> fault.after().plus(fault.lifetime())),
                        this.crashes.stream().map(InstanceCrash::lifetime))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }
}
