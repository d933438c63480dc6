package dev.oddshop.drill;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.load.CommandOptions;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.Scenarios;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./drill SCENARIO|all [--brief] [--url URL --prometheus URL --alertmanager URL
 * [--grafana URL] [--postgres JDBC-URL --provider URL]]}: runs scenarios end to end and reports
 * what the signals showed. Exit status 1 when an expected alert did not fire, the audit failed
 * or the culprit was not among the top 3 suspects. {@code ./drill matrix [--seed N] [--sample K]
 * [--only PAIR,...]} runs the fault matrix instead ({@link FaultMatrix}).
 */
public final class Drill {

    private Drill() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args).passed() ? 0 : 1);
    }

    /** Runs the drill the arguments ask for and prints its summary; passed when every scenario or pair did. */
    static DrillVerdict run(String... args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ./drill SCENARIO|all|matrix [--brief] [--seed N --sample K "
                    + "--only PAIR,...] [--url URL --prometheus URL --alertmanager URL [--grafana URL] "
                    + "[--postgres JDBC-URL --provider URL]]");
        }
        Map<String, String> options = CommandOptions.parse(args, 1);
        Path root =
                Path.of(System.getProperty("shop.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("load-tests/target/drill/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (args[0].equals("matrix")) {
            try (DrillTarget target = target(options, root, out.resolve("matrix"), Map.of())) {
                return stoppedOnInterrupt(target, () -> FaultMatrix.run(options, target, out.resolve("matrix")));
            }
        }
        Scenarios files = new Scenarios(root.resolve("scenarios"));
        List<Scenario> scenarios = args[0].equals("all") ? files.all() : List.of(files.named(args[0]));
        DrillTimings timings = options.containsKey("brief") ? DrillTimings.brief() : DrillTimings.full();
        List<DrillResult> results = new ArrayList<>();
        Map<String, String> crashed = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            Path scenarioOut = out.resolve(scenario.name());
            DrillRun.log("%s: starting (%s of load in all)", scenario.name(), timings.total());
            try (DrillTarget target = target(options, root, scenarioOut, ShopService.replicas(scenario.replicas()))) {
                results.add(stoppedOnInterrupt(target, () -> {
                    DrillResult result = DrillRun.run(scenario, timings, target, scenarioOut);
                    Path report = DrillReport.write(
                            result,
                            target.prometheus(),
                            scenarioOut,
                            target.grafana().orElse(null));
                    DrillRun.log(
                            "%s: %s, report %s",
                            scenario.name(), result.failures().isEmpty() ? "PASS" : "FAIL", report);
                    return result;
                }));
            } catch (Exception ex) {
                // one scenario that cannot run must not hide the others' results
                ex.printStackTrace();
                crashed.put(scenario.name(), String.valueOf(ex.getMessage()));
            }
        }
        StringBuilder summary = new StringBuilder(summary(results));
        crashed.forEach((name, reason) ->
                summary.append(String.format(Locale.ROOT, "%-26s could not run: %s%n", name, reason)));
        System.out.println(summary);
        return new DrillVerdict(
                crashed.isEmpty()
                        && results.stream().allMatch(result -> result.failures().isEmpty()),
                summary.toString());
    }

    /**
     * A deployment reached by URL, or a fresh embedded platform working in {@code work} with the
     * replicas the scenario needs.
     */
    private static DrillTarget target(
            Map<String, String> options, Path root, Path work, Map<ShopService, Integer> replicas) throws Exception {
        return options.containsKey("url")
                ? DrillTarget.remote(options, System.getenv().getOrDefault("SHOP_ADMIN_TOKEN", ""))
                : DrillTarget.embedded(root, work, Integer.parseInt(options.getOrDefault("port", "18080")), replicas);
    }

    /** Runs {@code work} on {@code target}; Ctrl-C meanwhile must not leave the embedded platform running. */
    private static <T> T stoppedOnInterrupt(DrillTarget target, Callable<T> work) throws Exception {
        Thread stopOnInterrupt = new Thread(() -> closeQuietly(target));
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        T result = work.call();
        Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        return result;
    }

    private static void closeQuietly(DrillTarget target) {
        try {
            target.close();
        } catch (Exception ex) {
            System.err.println("Could not stop the drill's platform: " + ex.getMessage());
        }
    }

    static String summary(List<DrillResult> results) {
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "%n%-26s %-10s %-7s %-7s %-6s %s%n",
                "scenario",
                "detection",
                "top-1",
                "top-3",
                "audit",
                "verdict"));
        for (DrillResult result : results) {
            table.append(String.format(
                    Locale.ROOT,
                    "%-26s %-10s %-7s %-7s %-6s %s%n",
                    result.scenario().name(),
                    result.detectionTime() == null
                            ? "never"
                            : result.detectionTime().toSeconds() + " s",
                    result.topOne() ? "yes" : "no",
                    result.topThree() ? "yes" : "no",
                    result.audit().isEmpty() ? "n/a" : result.auditClean() ? "clean" : "FAILED",
                    result.failures().isEmpty() ? "PASS" : "FAIL"));
        }
        return table.toString();
    }
}
