package dev.oddshop.launcher.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.oddshop.launcher.Instances;
import dev.oddshop.launcher.ServiceInstance;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.Scenarios;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A scenario's crashes put to work on a platform's instances, as the CLI and the drill do. */
class InstanceCrashesTest {

    private static final String FAULT = """
            name: faulty
            title: t
            story: s
            symptom: s
            load: checkout
            faults:
              - {service: order-service, id: f, kind: ERROR, point: order.checkout, after: PT0S, for: PT1M}
            ground_truth: {service: order-service, kind: ERROR}
            runbook: r
            """;

    private static final String CRASH = """
            name: crashing
            title: t
            story: s
            symptom: s
            load: checkout
            replicas: {order-service: 2}
            crashes:
              - {service: order-service, instance: 2, for: PT1M}
            ground_truth: {service: order-service, kind: INSTANCE_CRASH}
            runbook: r
            """;

    /** A platform's instances that notes what is done to them. */
    private static final class Noted implements Instances {

        final List<String> done = new ArrayList<>();

        @Override
        public List<ServiceInstance> instances() {
            return List.of();
        }

        @Override
        public boolean isRunning(ServiceInstance instance) {
            return !this.done.contains("kill " + instance.name());
        }

        @Override
        public void kill(ServiceInstance instance) {
            this.done.add("kill " + instance.name());
        }

        @Override
        public void start(ServiceInstance instance) {
            this.done.add("start " + instance.name());
        }
    }

    @Test
    void aScenarioWithoutCrashesNeedsNoInstances() {
        assertThat(InstanceCrashes.of(scenario(FAULT), Optional.empty(), () -> "never asked"))
                .isEmpty();
    }

    @Test
    void aScenarioWithCrashesAndNoInstancesAtHandIsRefusedWithTheReason() {
        assertThatIllegalStateException()
                .isThrownBy(() -> InstanceCrashes.of(scenario(CRASH), Optional.empty(), () -> "start the launcher"))
                .withMessage("start the launcher");
    }

    @Test
    void crashesKillTheirInstancesAndStopStartsThemAgain() {
        Noted instances = new Noted();
        Scenario crashing = scenario(CRASH);
        InstanceCrashes crashes =
                InstanceCrashes.of(crashing, Optional.of(instances), () -> "").orElseThrow();
        crashes.start(crashing);
        crashes.stop(crashing);
        assertThat(instances.done).containsExactly("kill order-service-2", "start order-service-2");
    }

    private static Scenario scenario(String yaml) {
        String name = yaml.lines().findFirst().orElseThrow().substring("name: ".length());
        return Scenarios.read(name + ".yml", new StringReader(yaml));
    }
}
