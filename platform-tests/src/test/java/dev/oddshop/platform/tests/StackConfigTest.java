package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observability stack's configuration, checked without Docker: by the real tools that install
 * here (promtool and amtool from Debian) and by consistency rules between the files.
 */
class StackConfigTest {

    static final Path ROOT =
            Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

    static final Path STACK = ROOT.resolve("observability-stack");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void promtoolAcceptsTheConfigAndTheRulesAndEveryAlertPassesItsUnitTests() throws Exception {
        Path prometheus = STACK.resolve("prometheus");
        run(prometheus, "promtool", "check", "config", "--syntax-only", "prometheus.yml");
        List<String> rules = new ArrayList<>(List.of("promtool", "check", "rules"));
        rules.addAll(ruleFiles().stream().map(Path::toString).toList());
        run(prometheus, rules.toArray(String[]::new));
        List<String> tests = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> files = Files.list(prometheus.resolve("tests"))) {
            files.map(file -> "tests/" + file.getFileName())
                    .filter(name -> name.endsWith(".test.yml"))
                    .sorted()
                    .forEach(tests::add);
        }
        assertThat(tests).contains("tests/slo-alerts.test.yml", "tests/security-alerts.test.yml");
        run(prometheus, tests.toArray(String[]::new));
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfig() throws Exception {
        run(STACK.resolve("alertmanager"), "amtool", "check-config", "alertmanager.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceWhereComposeRunsIt() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(STACK.resolve("prometheus/prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> shop = jobs.stream()
                .filter(job -> "shop".equals(job.get("job_name")))
                .findFirst()
                .orElseThrow();
        assertThat(shop).containsEntry("metrics_path", "/actuator/prometheus");
        // each target labelled with its service: the alerts count a service's live instances by it
        Map<String, List<String>> targetsByService = ((List<Map<String, Object>>) shop.get("static_configs"))
                .stream()
                        .collect(Collectors.toMap(
                                group -> ((Map<String, String>) group.get("labels")).get("service_name"),
                                group -> (List<String>) group.get("targets")));
        assertThat(targetsByService)
                .isEqualTo(Stream.of(ShopService.values())
                        .collect(Collectors.toMap(
                                ShopService::module, service -> List.of(service.module() + ":" + service.port(8080)))));
    }

    @Test
    void everyAlertHasASummaryARunbookThatExistsAndADashboardThatExists() throws IOException {
        Set<String> dashboards = dashboardUids();
        Set<String> slos = sloNames();
        for (Map<String, Object> rule : alertRules()) {
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            String alert = (String) rule.get("alert");
            assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url", "dashboard");
            String runbook = annotations.get("runbook_url");
            List<String> runbooks = runbook.contains("{{ $labels.slo }}")
                    ? slos.stream()
                            .map(slo -> runbook.replace("{{ $labels.slo }}", slo))
                            .toList()
                    : List.of(runbook);
            assertThat(runbooks)
                    .as(alert)
                    .allSatisfy(path -> assertThat(ROOT.resolve(path)).isRegularFile());
            Matcher uid = Pattern.compile("^/d/([a-z0-9-]+)/").matcher(annotations.get("dashboard"));
            assertThat(uid.find()).as(alert).isTrue();
            assertThat(dashboards).as(alert).contains(uid.group(1));
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) rule.get("labels");
            assertThat(labels.get("severity")).as(alert).isIn("page", "ticket");
        }
    }

    @Test
    void dashboardsUseOnlyProvisionedDatasourcesAndEveryPanelHasAQuery() throws IOException {
        Set<String> datasources = datasourceUids();
        assertThat(datasources).contains("prometheus", "tempo", "loki", "pyroscope");
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(dashboard.path("panels").size()).as(file.toString()).isPositive();
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asString().equals("row")) {
                    continue; // a row only titles the panels below it
                }
                assertThat(datasources)
                        .as(file + " " + panel.path("title"))
                        .contains(panel.path("datasource").path("uid").asString());
                assertThat(panel.path("targets").size())
                        .as(file + " " + panel.path("title"))
                        .isPositive();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tracesLinkToLogsProfilesAndMetricsAndBack() throws IOException {
        Map<String, Object> provisioning =
                new Yaml().load(Files.readString(STACK.resolve("grafana/provisioning/datasources/datasources.yml")));
        Map<String, Map<String, Object>> byUid = new HashMap<>();
        ((List<Map<String, Object>>) provisioning.get("datasources"))
                .forEach(ds ->
                        byUid.put((String) ds.get("uid"), (Map<String, Object>) ds.getOrDefault("jsonData", Map.of())));
        assertThat(byUid.get("prometheus").toString()).contains("exemplarTraceIdDestinations", "datasourceUid=tempo");
        Map<String, Object> tempo = byUid.get("tempo");
        assertThat(((Map<String, Object>) tempo.get("tracesToLogsV2"))).containsEntry("datasourceUid", "loki");
        assertThat(((Map<String, Object>) tempo.get("tracesToProfiles"))).containsEntry("datasourceUid", "pyroscope");
        assertThat(((Map<String, Object>) tempo.get("tracesToMetrics"))).containsEntry("datasourceUid", "prometheus");
        assertThat(((Map<String, Object>) tempo.get("serviceMap"))).containsEntry("datasourceUid", "prometheus");
        assertThat(byUid.get("loki").toString()).contains("derivedFields", "datasourceUid=tempo", "matcherType=label");
        // a lone $ would be expanded by Grafana's provisioning as an environment variable
        String raw = Files.readString(STACK.resolve("grafana/provisioning/datasources/datasources.yml"));
        assertThat(raw.replace("$$", "")).doesNotContain("$");
    }

    /**
     * An exemplar links to its trace only when Grafana knows the label that holds the trace id:
     * {@code trace_id} on the services' histograms (Micrometer), and on Tempo's span metrics the
     * generator's {@code trace_id_label_name} ({@code traceID} unless tempo.yml overrides it).
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyExemplarTraceIdLabelLinksToTempo() throws IOException {
        Map<String, Object> tempo = new Yaml().load(Files.readString(STACK.resolve("tempo/tempo.yml")));
        Map<String, Object> generator = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) tempo.getOrDefault("overrides", Map.of()))
                                .getOrDefault("defaults", Map.of()))
                        .getOrDefault("metrics_generator", Map.of());
        assertThat((List<String>) generator.get("processors")).contains("span-metrics");
        String tempoLabel = (String) generator.getOrDefault("trace_id_label_name", "traceID");
        Map<String, Object> provisioning =
                new Yaml().load(Files.readString(STACK.resolve("grafana/provisioning/datasources/datasources.yml")));
        Map<String, Object> prometheus = ((List<Map<String, Object>>) provisioning.get("datasources"))
                .stream()
                        .filter(ds -> "prometheus".equals(ds.get("uid")))
                        .findFirst()
                        .orElseThrow();
        List<Map<String, Object>> destinations = (List<Map<String, Object>>)
                ((Map<String, Object>) prometheus.get("jsonData")).get("exemplarTraceIdDestinations");
        assertThat(destinations)
                .allSatisfy(destination -> assertThat(destination).containsEntry("datasourceUid", "tempo"));
        assertThat(destinations.stream().map(destination -> destination.get("name")))
                .containsExactlyInAnyOrder("trace_id", tempoLabel);
    }

    /** What Grafana's Logs Drilldown asks of Loki: patterns, volumes, and structured metadata for trace_id. */
    @Test
    @SuppressWarnings("unchecked")
    void lokiServesLogsDrilldown() throws IOException {
        Map<String, Object> loki = new Yaml().load(Files.readString(STACK.resolve("loki/loki.yml")));
        assertThat((Map<String, Object>) loki.get("pattern_ingester")).containsEntry("enabled", true);
        assertThat((Map<String, Object>) loki.get("limits_config"))
                .containsEntry("volume_enabled", true)
                .containsEntry("allow_structured_metadata", true);
    }

    static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(STACK.resolve("prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(STACK.resolve("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> content = new Yaml().load(Files.readString(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) content.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
        }
        return rules;
    }

    static List<Map<String, Object>> alertRules() throws IOException {
        return rules().stream().filter(rule -> rule.containsKey("alert")).toList();
    }

    /** Every PromQL expression of the dashboards (the Prometheus panels' and the annotations). */
    static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>(dashboardQueries("prometheus"));
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            dashboard
                    .path("annotations")
                    .path("list")
                    .forEach(annotation ->
                            expressions.add(annotation.path("expr").asString()));
        }
        return expressions;
    }

    /** The queries of the dashboards' panels on one datasource (uid): {@code prometheus} or {@code loki}. */
    static List<String> dashboardQueries(String datasource) throws IOException {
        List<String> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JSON.readTree(file.toFile())
                    .path("panels")
                    .forEach(panel -> panel.path("targets").forEach(target -> {
                        JsonNode source =
                                target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                        if (source.path("uid").asString().equals(datasource)) {
                            queries.add(target.path("expr").asString());
                        }
                    }));
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> sloNames() throws IOException {
        return rules().stream()
                .filter(rule -> "slo:error_budget:ratio".equals(rule.get("record")))
                .map(rule -> ((Map<String, String>) rule.get("labels")).get("slo"))
                .collect(Collectors.toSet());
    }

    private static Set<String> dashboardUids() throws IOException {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboardFiles()) {
            uids.add(JSON.readTree(file.toFile()).path("uid").asString());
        }
        return uids;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> datasourceUids() throws IOException {
        Map<String, Object> provisioning =
                new Yaml().load(Files.readString(STACK.resolve("grafana/provisioning/datasources/datasources.yml")));
        return ((List<Map<String, Object>>) provisioning.get("datasources"))
                .stream().map(ds -> (String) ds.get("uid")).collect(Collectors.toSet());
    }

    /** Runs a tool from Debian's prometheus packages (RequiredTools: skipped here without it, run in CI). */
    static void run(Path directory, String... command) throws Exception {
        RequiredTools.require(command[0]);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }
}
