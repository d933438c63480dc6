package dev.oddshop.drill;

import dev.oddshop.launcher.scenario.FaultControl;
import dev.oddshop.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./drill matrix [--seed N] [--sample K | --part I/N | --only SERVICE/POINT/KIND,...]}: brief drills
 * generated from the fault kinds and points the services declare (not from scenarios/), one
 * platform for them all. Each pair: the customer impact, whether a page fired and when, the top
 * 3 suspects, the audit. Then the targets over the whole matrix (docs/DETECTION.md).
 */
final class FaultMatrix {

    private FaultMatrix() {}

    /** Runs the matrix the options ask for against {@code target}; passed when every pair met its targets. */
    static DrillVerdict run(Map<String, String> options, DrillTarget target, Path out) throws Exception {
        long seed = options.containsKey("seed") ? Long.parseLong(options.get("seed")) : new Random().nextLong();
        List<MatrixPair> pairs = select(declaredPairs(target), options, seed);
        DrillRun.log(
                "matrix: %d pair(s), seed %d (replay: ./drill matrix --seed %d%s)",
                pairs.size(), seed, seed, options.containsKey("sample") ? " --sample " + options.get("sample") : "");
        List<MatrixOutcome> outcomes = new ArrayList<>();
        DrillTimings timings = DrillTimings.matrix();
        if (!pairs.isEmpty()) {
            MatrixWarmUp.run(target, pairs.getFirst().scenario(), timings.checkoutRate(), out.resolve("warm-up"));
        }
        for (int i = 0; i < pairs.size(); i++) {
            MatrixPair pair = pairs.get(i);
            DrillRun.log("matrix %d/%d: %s", i + 1, pairs.size(), pair.id());
            Scenario scenario = pair.scenario();
            // before the load: the drill's own wait for a quiet start would eat into its fixed-length load
            DrillRun.awaitQuiet(target.prometheus(), scenario, Duration.ofMinutes(3));
            Path pairOut = out.resolve(pair.id().replace('/', '_'));
            DrillResult result = DrillRun.run(scenario, timings, target, pairOut);
            MatrixOutcome outcome = MatrixOutcome.of(pair, result, target.prometheus());
            // the pair's full drill report (phases, SLIs, services, calls, suspects) beside the table
            DrillReport.write(
                    result, target.prometheus(), pairOut, target.grafana().orElse(null));
            DrillRun.log("matrix %s: %s", pair.id(), outcome.row());
            outcomes.add(outcome);
        }
        boolean wholeMatrix =
                !(options.containsKey("sample") || options.containsKey("only") || options.containsKey("part"));
        MatrixTable table = new MatrixTable(outcomes, seed, wholeMatrix);
        Files.createDirectories(out);
        Files.writeString(out.resolve("matrix.md"), table.markdown());
        System.out.println(table.markdown());
        return new DrillVerdict(table.passed(), table.markdown());
    }

    /** Every declared (point, kind) pair of every service, in a stable order. */
    static List<MatrixPair> declaredPairs(DrillTarget target) throws IOException, InterruptedException {
        String body = new FaultControl(URI.create(target.gateway()), target.adminToken()).points();
        JsonNode services = JsonMapper.builder().build().readTree(body);
        List<MatrixPair> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().isArray()) {
                throw new IllegalStateException(
                        service.getKey() + " did not list its fault points: " + service.getValue());
            }
            for (JsonNode point : service.getValue()) {
                String callee =
                        point.path("callee").isString() ? point.path("callee").asString() : null;
                for (JsonNode kind : point.path("kinds")) {
                    if (!MatrixPair.NOT_DRILLED.contains(kind.asString())) {
                        pairs.add(new MatrixPair(
                                service.getKey(), point.path("point").asString(), kind.asString(), callee));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparing(MatrixPair::id));
        return pairs;
    }

    /**
     * The pairs --only names, or a sample of --sample pairs drawn with the seed, or part I of N
     * (--part I/N: every N-th pair from the I-th, so a long matrix can run in several sittings),
     * or all.
     */
    static List<MatrixPair> select(List<MatrixPair> pairs, Map<String, String> options, long seed) {
        if (options.containsKey("only")) {
            List<String> wanted = List.of(options.get("only").split(","));
            List<MatrixPair> chosen =
                    pairs.stream().filter(pair -> wanted.contains(pair.id())).toList();
            if (chosen.size() != wanted.size()) {
                throw new IllegalArgumentException("Unknown pair(s) in " + wanted + "; declared: "
                        + pairs.stream().map(MatrixPair::id).toList());
            }
            return chosen;
        }
        if (options.containsKey("part")) {
            String[] part = options.get("part").split("/");
            int index = Integer.parseInt(part[0]);
            int parts = Integer.parseInt(part[1]);
            if (parts < 1 || index < 1 || index > parts) {
                throw new IllegalArgumentException("--part I/N needs 1 <= I <= N: " + options.get("part"));
            }
            return IntStream.range(0, pairs.size())
                    .filter(i -> i % parts == index - 1)
                    .mapToObj(pairs::get)
                    .toList();
        }
        if (!options.containsKey("sample")) {
            return pairs;
        }
        List<MatrixPair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(Integer.parseInt(options.get("sample")), shuffled.size()));
    }
}
