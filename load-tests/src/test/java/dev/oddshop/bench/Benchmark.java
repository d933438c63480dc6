package dev.oddshop.bench;

import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.PlatformConfig;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.load.BenchmarkSimulation;
import dev.oddshop.load.CommandOptions;
import dev.oddshop.load.GatlingRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./shop bench [--rounds N] [--phase SECONDS] [--rate R] [--browse-rate R] [--warm-up
 * SECONDS] [--setups off,tracing,full]}: what the platform's telemetry costs. One embedded platform
 * per telemetry setup ({@link TelemetrySetup}) runs on its own ports, all at once; the same load
 * ({@link BenchmarkSimulation}) then goes to each in turn, round after round (off, tracing, full,
 * off, ...), so whatever else the machine does falls on every setup alike. Prints, per setup,
 * throughput, response times per request, and each service's CPU, allocations and GC per request
 * and per confirmed order ({@link BenchmarkReport}); the same tables land in results.md.
 */
public final class Benchmark {

    private static final String ADMIN_TOKEN = "bench-admin-token";

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandOptions.parse(args, 0);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Duration phase = Duration.ofSeconds(Long.parseLong(options.getOrDefault("phase", "60")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "90")));
        double rate = Double.parseDouble(options.getOrDefault("rate", "2"));
        double browseRate = Double.parseDouble(options.getOrDefault("browse-rate", "2"));
        List<TelemetrySetup> setups = Arrays.stream(
                        options.getOrDefault("setups", "off,tracing,full").split(","))
                .map(name -> TelemetrySetup.valueOf(name.strip().toUpperCase()))
                .toList();
        Path root =
                Path.of(System.getProperty("shop.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("load-tests/target/bench/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

        Map<TelemetrySetup, Bench> benches = new LinkedHashMap<>();
        Map<TelemetrySetup, Duration> startUps = new LinkedHashMap<>();
        Thread stopOnInterrupt = new Thread(() -> benches.values().forEach(Bench::close));
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            int port = Integer.parseInt(options.getOrDefault("port", "19080"));
            for (TelemetrySetup setup : setups) {
                log("starting the %s platform on port %d", setup.label(), port);
                long start = System.nanoTime();
                benches.put(setup, Bench.start(root, out.resolve(setup.label()), port, setup));
                startUps.put(setup, Duration.ofNanos(System.nanoTime() - start));
                port += 100;
            }
            for (Bench bench : benches.values()) {
                log("warming up %s for %d s", bench.setup.label(), warmUp.toSeconds());
                bench.run(warmUp, rate, browseRate);
                bench.checkExports();
            }
            List<PhaseResult> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (Bench bench : benches.values()) {
                    log("round %d of %d: %s for %d s", round, rounds, bench.setup.label(), phase.toSeconds());
                    results.add(bench.run(phase, rate, browseRate));
                }
            }
            String report = BenchmarkReport.of(results, startUps, rate, browseRate, phase, rounds);
            Files.writeString(out.resolve("results.md"), report);
            System.out.println(report);
            log("results in %s", out.resolve("results.md"));
        } finally {
            benches.values().forEach(Bench::close);
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(
                "%n[bench %s] %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), String.format(format, args));
    }

    /** One setup's platform, its telemetry sink, and where its Gatling runs go. */
    private record Bench(TelemetrySetup setup, Platform platform, TelemetrySink sink, Path results) {

        static Bench start(Path root, Path work, int gatewayPort, TelemetrySetup setup) {
            TelemetrySink sink = new TelemetrySink();
            try {
                Platform platform = Platform.start(new PlatformConfig(
                        root,
                        work.resolve("platform"),
                        gatewayPort,
                        gatewayPort + 50,
                        true,
                        ADMIN_TOKEN,
                        PlatformConfig.newSecret(),
                        setup.environment(sink.url()),
                        PlatformConfig.START_TIMEOUT,
                        Map.of()));
                return new Bench(setup, platform, sink, work.resolve("gatling"));
            } catch (RuntimeException ex) {
                sink.close();
                throw ex;
            }
        }

        /** The load for {@code length}, and what it cost. */
        PhaseResult run(Duration length, double rate, double browseRate) throws Exception {
            Map<String, ServiceCounters> before = ServiceCounters.of(this.platform);
            long exportedBefore = this.sink.bytes();
            System.setProperty("shop.baseUrl", this.platform.config().url(ShopService.GATEWAY));
            System.setProperty("shop.rate", Double.toString(rate));
            System.setProperty("shop.browseRate", Double.toString(browseRate));
            System.setProperty("shop.duration", Long.toString(length.toSeconds()));
            int exit = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", BenchmarkSimulation.class.getName(),
                "--results-folder", this.results.toString(),
                "--run-description", "benchmark " + this.setup.label()
            });
            if (exit != 0) {
                throw new IllegalStateException("Gatling ended with " + exit + "; see its output above");
            }
            Map<String, ServiceCounters> after = ServiceCounters.of(this.platform);
            Map<String, ServiceCounters> spent = new LinkedHashMap<>();
            after.forEach((instance, now) -> spent.put(instance, now.since(before.get(instance))));
            return new PhaseResult(
                    this.setup,
                    length,
                    spent,
                    RequestTimes.of(GatlingRuns.latest(this.results).orElseThrow()),
                    this.sink.bytes() - exportedBefore);
        }

        /** A setup that should export and does not (or the reverse) would measure the wrong thing. */
        void checkExports() {
            boolean exports = this.sink.bytes() > 0;
            if (exports != (this.setup != TelemetrySetup.OFF)) {
                throw new IllegalStateException("The " + this.setup.label() + " platform "
                        + (exports ? "exported telemetry" : "exported nothing") + " during its warm-up");
            }
        }

        void close() {
            this.platform.close();
            this.sink.close();
        }
    }
}
