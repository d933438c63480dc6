package dev.oddshop.drill;

import dev.oddshop.load.GatlingRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one of the Gatling simulations in this JVM for the whole drill, configured through the
 * same system properties a user passes to the Gatling Maven plugin.
 */
final class LoadDriver {

    private static final Map<String, String> SIMULATIONS = Map.of(
            "checkout",
            "dev.oddshop.load.CheckoutJourneySimulation",
            "browse",
            "dev.oddshop.load.BrowseSearchSimulation",
            "flash-sale",
            "dev.oddshop.load.FlashSaleSimulation");

    private final Path results;

    private final CompletableFuture<Integer> run;

    private LoadDriver(Path results, CompletableFuture<Integer> run) {
        this.results = results;
        this.run = run;
    }

    /** Starts the scenario's load: a short ramp, then the rate held for {@code length}. */
    static LoadDriver start(
            String load, String baseUrl, String adminToken, double rate, Duration length, Path results) {
        String simulation = SIMULATIONS.get(load);
        if (simulation == null) {
            throw new IllegalArgumentException("No load " + load + "; known: " + SIMULATIONS.keySet());
        }
        System.setProperty("shop.baseUrl", baseUrl);
        System.setProperty("shop.adminToken", adminToken);
        System.setProperty("shop.rate", Double.toString(load.equals("browse") ? rate * 3 : rate));
        System.setProperty("shop.ramp", "10");
        System.setProperty(
                "shop.duration", Long.toString(length.minusSeconds(10).toSeconds()));
        // a flash sale that sells out in seconds would leave nothing to drill: stock for the whole run
        System.setProperty("shop.hotStock", "1000000");
        CompletableFuture<Integer> run =
                CompletableFuture.supplyAsync(() -> io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation",
                    simulation,
                    "--results-folder",
                    results.toString(),
                    "--run-description",
                    "incident drill"
                }));
        return new LoadDriver(results, run);
    }

    /** Fails the drill early when Gatling could not start its load. */
    void ensureRunning() throws Exception {
        if (this.run.isDone()) {
            this.run.get();
            throw new IllegalStateException("The load ended early; see Gatling's output above");
        }
    }

    /** Waits for the load to end; Gatling's assertions fail during an incident by design, so only the report matters. */
    Path awaitReport() throws Exception {
        this.run.get();
        return GatlingRuns.latest(this.results)
                .map(dir -> dir.resolve("index.html"))
                .orElse(null);
    }
}
