package dev.oddshop.launcher.scenario;

import dev.oddshop.launcher.LauncherControlClient;
import dev.oddshop.scenario.InstanceCrash;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import dev.oddshop.scenario.Scenarios;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./shop scenario list|start|stop [NAME]}: the scenario files put to work through the
 * gateway at SHOP_URL with SHOP_ADMIN_TOKEN (the embedded platform's by default); the instances a
 * scenario crashes through the launcher's controls of the platform {@code ./shop up} runs.
 */
public final class ScenarioCommand {

    private ScenarioCommand() {}

    public static void run(List<String> args, Path root, URI gateway, String token) throws Exception {
        Scenarios scenarios = new Scenarios(root.resolve("scenarios"));
        String action = args.isEmpty() ? "list" : args.getFirst();
        if (action.equals("list")) {
            for (Scenario scenario : scenarios.all()) {
                System.out.printf("%-28s %s%n", scenario.name(), scenario.title());
            }
            return;
        }
        if (args.size() != 2 || !List.of("start", "stop").contains(action)) {
            throw new IllegalArgumentException("usage: ./shop scenario list | start NAME | stop NAME");
        }
        Scenario scenario = scenarios.named(args.get(1));
        FaultControl faults = new FaultControl(gateway, token);
        Optional<InstanceCrashes> crashes = InstanceCrashes.of(
                scenario,
                LauncherControlClient.of(root.resolve("run"), token),
                () -> scenario.name() + " crashes instances: it needs the platform of ./shop up --replicas "
                        + scenario.replicasOption() + " (in Kubernetes, delete the pod: kubectl delete pod"
                        + " --grace-period=0 --force)");
        if (action.equals("start")) {
            faults.start(scenario);
            crashes.ifPresent(crash -> crash.start(scenario));
            Instant now = Instant.now();
            System.out.println("Scenario " + scenario.name() + " started: " + scenario.title());
            for (ScenarioFault fault : scenario.faults()) {
                System.out.printf(
                        "  %-26s %-18s %-24s from %s for %s%n",
                        fault.service(), fault.kind(), fault.point(), now.plus(fault.after()), fault.lifetime());
            }
            for (InstanceCrash crash : scenario.crashes()) {
                System.out.printf(
                        "  %-26s killed (SIGKILL); back with ./shop scenario stop %s%n",
                        InstanceCrashes.instance(crash).name(), scenario.name());
            }
            System.out.println("Users will see: " + scenario.symptom());
            System.out.println("Stop it early with ./shop scenario stop " + scenario.name());
        } else {
            faults.stop(scenario);
            crashes.ifPresent(crash -> crash.stop(scenario));
            System.out.println("Scenario " + scenario.name() + " stopped.");
        }
    }
}
