package dev.oddshop.gateway.scenario;

import dev.oddshop.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * A scenario as the control room shows it; durations in ISO-8601 ({@code PT5M}).
 *
 * @param startHint how to start one the gateway cannot (it crashes an instance: the launcher's job); else null
 */
record ScenarioView(
        String name,
        String title,
        String story,
        String symptom,
        String load,
        String runbook,
        String length,
        List<Fault> faults,
        List<Crash> crashes,
        Map<String, Integer> replicas,
        boolean startable,
        String startHint) {

    record Fault(String service, String id, String kind, String point, String after, String lifetime) {}

    record Crash(String service, int instance, String lifetime) {}

    static ScenarioView of(Scenario scenario) {
        boolean startable = ScenarioLibrary.startable(scenario);
        return new ScenarioView(
                scenario.name(),
                scenario.title(),
                scenario.story(),
                scenario.symptom(),
                scenario.load(),
                scenario.runbook(),
                scenario.length().toString(),
                scenario.faults().stream()
                        .map(fault -> new Fault(
                                fault.service(),
                                fault.id(),
                                fault.kind(),
                                fault.point(),
                                fault.after().toString(),
                                fault.lifetime().toString()))
                        .toList(),
                scenario.crashes().stream()
                        .map(crash -> new Crash(
                                crash.service(),
                                crash.instance(),
                                crash.lifetime().toString()))
                        .toList(),
                scenario.replicas(),
                startable,
                startable
                        ? null
                        : "it kills an instance, which only the launcher can: ./shop up --replicas "
                                + scenario.replicasOption()
                                + ", then ./shop scenario start " + scenario.name());
    }
}
