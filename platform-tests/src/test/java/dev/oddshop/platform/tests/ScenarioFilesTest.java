package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ServiceInstance;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.scenario.InstanceCrashes;
import dev.oddshop.scenario.InstanceCrash;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import dev.oddshop.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenario files hold together: ground truth among their faults or crashes, alerts that exist. */
class ScenarioFilesTest {

    private static final Path ROOT =
            Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyScenarioNamesItsCulpritAmongItsFaultsAndAlertsThatExist() throws IOException {
        List<Scenario> scenarios = new Scenarios(ROOT.resolve("scenarios")).all();
        assertThat(scenarios)
                .extracting(Scenario::name)
                .contains(
                        "checkout-incident",
                        "inventory-slow-query",
                        "db-pool-exhaustion",
                        "payment-cpu-hot-loop",
                        "catalog-memory-leak",
                        "silent-payment-failures",
                        "instance-crash");
        Set<String> alerts = StackConfigTest.alertRules().stream()
                .map(rule -> (String) rule.get("alert"))
                .collect(Collectors.toSet());
        for (Scenario scenario : scenarios) {
            // the culprit is one of its faults, or one of the instances it crashes
            List<List<String>> culprits = Stream.concat(
                            scenario.faults().stream().map(fault -> List.of(fault.service(), fault.kind())),
                            scenario.crashes().stream().map(crash -> List.of(crash.service(), "INSTANCE_CRASH")))
                    .toList();
            assertThat(culprits)
                    .as(scenario.name())
                    .contains(List.of(
                            scenario.groundTruth().service(),
                            scenario.groundTruth().kind()));
            // a crash takes one replica of several: the scenario asks for them, and another instance serves on
            // (and the platform can have them: the service exists and scales)
            ShopService.replicas(scenario.replicas());
            for (InstanceCrash crash : scenario.crashes()) {
                ServiceInstance instance = InstanceCrashes.instance(crash);
                assertThat(scenario.replicas().getOrDefault(crash.service(), 1))
                        .as(scenario.name() + " crashes " + instance.name())
                        .isGreaterThanOrEqualTo(Math.max(2, instance.index()));
            }
            assertThat(scenario.expectedAlerts())
                    .as(scenario.name())
                    .isNotEmpty()
                    .extracting(alert -> alert.get("alertname"))
                    .allSatisfy(name -> assertThat(alerts).contains(name));
            assertThat(scenario.load()).as(scenario.name()).isIn("checkout", "browse", "flash-sale");
            assertThat(scenario.length()).as(scenario.name()).isPositive();
            assertThat(scenario.faults())
                    .extracting(ScenarioFault::request)
                    .allSatisfy(request -> assertThat(request).containsKeys("id", "kind", "point", "delay", "ttl"));
        }
    }
}
