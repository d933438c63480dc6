package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runbooks and the trainer's guide as tests read them: their Markdown files, the queries in
 * their fenced blocks ({@code ```promql}, {@code ```logql}, {@code ```traceql}, {@code ```pyroscope};
 * one query per line, whole-line {@code #} comments, a PromQL query that a healthy platform leaves
 * empty marked with a trailing {@code # empty-when-healthy}, one on series only the compose stack
 * has with {@code # compose-only}), the scenarios they refer to, and
 * Grafana's own LogQL and TraceQL parsers (runbooks/query-check, run with Node.js).
 */
final class Runbooks {

    static final Path ROOT = StackConfigTest.ROOT;

    static final Path RUNBOOKS = ROOT.resolve("runbooks");

    static final Path TRAINING = ROOT.resolve("training");

    static final Path SCENARIOS = ROOT.resolve("scenarios");

    static final Path QUERY_CHECK = RUNBOOKS.resolve("query-check");

    static final String EMPTY_WHEN_HEALTHY = "# empty-when-healthy";

    /** Marks PromQL on series only the compose stack has (Tempo's span metrics and service graphs). */
    static final String COMPOSE_ONLY = "# compose-only";

    static final List<String> LANGUAGES = List.of("promql", "logql", "traceql", "pyroscope");

    private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_-]*)\\s*$");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Runbooks() {}

    /** A query of a runbook: where it is, its language, its text (comment marker included for PromQL). */
    record Query(Path file, int line, String language, String text) {

        /** Whether a running, healthy embedded platform may leave it empty (marked so in the runbook). */
        boolean mayBeEmpty() {
            return this.text.contains(EMPTY_WHEN_HEALTHY) || this.text.contains(COMPOSE_ONLY);
        }

        String where() {
            return ROOT.relativize(this.file) + ":" + this.line;
        }

        @Override
        public String toString() {
            return where() + " [" + this.language + "] " + this.text;
        }
    }

    /** A scenario file, as far as the runbooks and the training care. */
    record Scenario(
            String name,
            Path file,
            String runbook,
            String groundTruthService,
            String groundTruthKind,
            List<String> faultIds,
            List<Map<String, String>> expectedAlerts) {}

    /** Every Markdown file of runbooks/ and training/ (the query checker's node_modules excluded). */
    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(RUNBOOKS, TRAINING)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(file -> file.toString().endsWith(".md"))
                        .filter(file -> !file.toString().contains("node_modules"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return files;
    }

    /** The runbooks proper: every Markdown file of runbooks/ but its index (README.md) and the query checker's. */
    static List<Path> runbookFiles() {
        return markdownFiles().stream()
                .filter(file -> file.startsWith(RUNBOOKS))
                .filter(file -> !file.getFileName().toString().equals("README.md"))
                .toList();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every query of every Markdown file of runbooks/ and training/. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : markdownFiles()) {
            queries.addAll(queries(file));
        }
        return queries;
    }

    static List<Query> queries(String language) {
        return queries().stream()
                .filter(query -> query.language().equals(language))
                .toList();
    }

    /** The queries of one file: each non-blank line of a query block that is not a whole-line comment. */
    static List<Query> queries(Path file) {
        List<Query> queries = new ArrayList<>();
        String[] lines = read(file).split("\n", -1);
        String language = null;
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                if (!inFence) {
                    inFence = true;
                    language = LANGUAGES.contains(fence.group(1)) ? fence.group(1) : null;
                } else if (fence.group(1).isEmpty()) {
                    inFence = false;
                    language = null;
                }
                continue;
            }
            if (inFence && language != null && !line.isEmpty() && !line.startsWith("#")) {
                queries.add(new Query(file, i + 1, language, line));
            }
        }
        return queries;
    }

    /** The languages of the query blocks a file has. */
    static Set<String> queryLanguages(Path file) {
        Set<String> languages = new LinkedHashSet<>();
        queries(file).forEach(query -> languages.add(query.language()));
        return languages;
    }

    @SuppressWarnings("unchecked")
    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> yaml = new Yaml().load(Files.readString(file));
                Map<String, Object> truth = (Map<String, Object>) yaml.get("ground_truth");
                List<Map<String, Object>> faults = (List<Map<String, Object>>) yaml.getOrDefault("faults", List.of());
                List<Map<String, String>> alerts = new ArrayList<>();
                for (Map<String, Object> alert :
                        (List<Map<String, Object>>) yaml.getOrDefault("expected_alerts", List.of())) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    alert.forEach((key, value) -> labels.put(key, String.valueOf(value)));
                    alerts.add(labels);
                }
                scenarios.add(new Scenario(
                        String.valueOf(yaml.get("name")),
                        file,
                        String.valueOf(yaml.get("runbook")),
                        String.valueOf(truth.get("service")),
                        String.valueOf(truth.get("kind")),
                        faults.stream()
                                .map(fault -> String.valueOf(fault.get("id")))
                                .toList(),
                        alerts));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return scenarios;
    }

    /**
     * Parses LogQL and TraceQL queries with Grafana's grammars (runbooks/query-check/check.mjs) and
     * returns its report, one entry per query in the same order. Installs the grammars with
     * {@code npm ci} when they are missing. Node.js is required: CI installs it.
     */
    static List<JsonNode> parseWithGrafanaGrammars(List<Query> queries) {
        try {
            NodeTools.install(QUERY_CHECK, "@grafana/lezer-logql", "@grafana/lezer-traceql");
            Path input = ROOT.resolve("platform-tests/target/runbook-queries-"
                    + ProcessHandle.current().pid() + ".json");
            Files.createDirectories(input.getParent());
            List<Map<String, String>> payload = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                Query query = queries.get(i);
                payload.add(Map.of("id", String.valueOf(i), "language", query.language(), "query", query.text()));
            }
            Files.writeString(input, JSON.writeValueAsString(payload));
            String output = NodeTools.run(QUERY_CHECK, 60, "node", "check.mjs", input.toString());
            Files.deleteIfExists(input);
            List<JsonNode> report = new ArrayList<>();
            JSON.readTree(output).forEach(report::add);
            assertThat(report).as("one report per query").hasSize(queries.size());
            return report;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
