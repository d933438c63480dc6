package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.platform.tests.Runbooks.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Links between runbooks, alerts, dashboards, scenarios and the trainer's guide all resolve: an
 * alert's runbook_url names a runbook that explains that alert; every runbook names a scenario
 * that reproduces it and the command that starts it; every scenario has its runbook, exercise
 * sheet and answer key; Markdown links reach files; Grafana links reach dashboards, panels and
 * variables that exist.
 */
class RunbookLinksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");

    private static final Pattern GRAFANA_LINK =
            Pattern.compile("http://localhost:3000/d/([a-z0-9-]+)/[a-z0-9-]+(\\?[^)\\s>`]*)?");

    private static final Pattern SCENARIO_COMMAND =
            Pattern.compile("(?:\\./shop scenario (?:start|stop)|\\./drill)\\s+([a-z0-9-]+)");

    @Test
    void everyAlertsRunbookUrlNamesARunbookThatExplainsTheAlert() throws IOException {
        Set<String> slos = StackConfigTest.rules().stream()
                .filter(rule -> "slo:error_budget:ratio".equals(rule.get("record")))
                .map(rule -> labels(rule).get("slo"))
                .collect(Collectors.toSet());
        for (Map<String, Object> rule : StackConfigTest.alertRules()) {
            String alert = (String) rule.get("alert");
            @SuppressWarnings("unchecked")
            String url = ((Map<String, String>) rule.get("annotations")).get("runbook_url");
            List<String> paths = url.contains("{{ $labels.slo }}")
                    ? slos.stream()
                            .map(slo -> url.replace("{{ $labels.slo }}", slo))
                            .toList()
                    : List.of(url);
            for (String path : paths) {
                Path runbook = Runbooks.ROOT.resolve(path).normalize();
                assertThat(runbook).as(alert + " runbook_url").isRegularFile();
                assertThat(runbook.startsWith(Runbooks.RUNBOOKS))
                        .as(alert + ": " + path + " is under runbooks/")
                        .isTrue();
                assertThat(Runbooks.read(runbook))
                        .as(path + " explains " + alert)
                        .contains("`" + alert + "`");
            }
        }
    }

    @Test
    void everyRunbookNamesAScenarioThatReproducesItAndTheCommandThatStartsIt() {
        Set<String> scenarios =
                Runbooks.scenarios().stream().map(Scenario::name).collect(Collectors.toSet());
        for (Path runbook : Runbooks.runbookFiles()) {
            String text = Runbooks.read(runbook);
            String where = Runbooks.ROOT.relativize(runbook).toString();
            Set<String> linked = new HashSet<>();
            Matcher link = MARKDOWN_LINK.matcher(text);
            while (link.find()) {
                Path target = runbook.getParent()
                        .resolve(link.group(1).replaceFirst("#.*$", ""))
                        .normalize();
                if (target.startsWith(Runbooks.SCENARIOS) && target.toString().endsWith(".yml")) {
                    linked.add(target.getFileName().toString().replace(".yml", ""));
                }
            }
            assertThat(linked)
                    .as(where + " links a scenario file (scenarios/NAME.yml)")
                    .isNotEmpty();
            assertThat(scenarios).as(where + " links existing scenarios").containsAll(linked);
            assertThat(linked)
                    .as(where + " gives the command that starts a scenario it links")
                    .anyMatch(name -> text.contains("./shop scenario start " + name));
        }
    }

    @Test
    void everyScenarioCommandNamesAScenarioThatExists() {
        Set<String> scenarios =
                Runbooks.scenarios().stream().map(Scenario::name).collect(Collectors.toSet());
        scenarios.add("all");
        List<String> problems = new ArrayList<>();
        for (Path file : Runbooks.markdownFiles()) {
            Matcher command = SCENARIO_COMMAND.matcher(Runbooks.read(file));
            while (command.find()) {
                if (!scenarios.contains(command.group(1))
                        && !command.group(1).equals("NAME")
                        && !command.group(1).equals("SCENARIO")) {
                    problems.add(Runbooks.ROOT.relativize(file) + ": " + command.group() + " names no scenario");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyScenarioHasItsRunbookWhichNamesItsAlertsAndLinksBack() throws IOException {
        Set<String> alerts = StackConfigTest.alertRules().stream()
                .map(rule -> (String) rule.get("alert"))
                .collect(Collectors.toSet());
        List<Scenario> scenarios = Runbooks.scenarios();
        assertThat(scenarios).isNotEmpty();
        for (Scenario scenario : scenarios) {
            Path runbook = Runbooks.ROOT.resolve(scenario.runbook()).normalize();
            assertThat(runbook).as(scenario.name() + ": runbook").isRegularFile();
            assertThat(runbook.getParent())
                    .as(scenario.name() + ": runbooks/scenarios/")
                    .isEqualTo(Runbooks.RUNBOOKS.resolve("scenarios"));
            String text = Runbooks.read(runbook);
            assertThat(text)
                    .as(scenario.runbook())
                    .contains("../../scenarios/" + scenario.name() + ".yml")
                    .contains("./shop scenario start " + scenario.name())
                    .contains("./shop scenario stop " + scenario.name())
                    .contains(scenario.groundTruthKind());
            for (Map<String, String> expected : scenario.expectedAlerts()) {
                assertThat(alerts)
                        .as(scenario.name() + ": expected alert exists in the rules")
                        .contains(expected.get("alertname"));
                assertThat(text)
                        .as(scenario.runbook() + " names its expected alert")
                        .contains("`" + expected.get("alertname") + "`");
            }
        }
    }

    @Test
    void everyScenarioHasAnExerciseSheetThatHidesTheAnswerAndASeparateAnswerKey() {
        for (Scenario scenario : Runbooks.scenarios()) {
            Path sheet = Runbooks.TRAINING.resolve("exercises/" + scenario.name() + ".md");
            Path key = Runbooks.TRAINING.resolve("answer-keys/" + scenario.name() + ".md");
            assertThat(sheet).isRegularFile();
            assertThat(key).isRegularFile();
            String exercise = Runbooks.read(sheet);
            // the sheet is what trainees hold: no scenario name, fault id, fault kind or link to the answer
            List<String> secrets = new ArrayList<>(List.of(scenario.name(), "scenarios/", "answer-keys"));
            secrets.addAll(scenario.faultIds());
            if (scenario.groundTruthKind().contains("_")) {
                secrets.add(scenario.groundTruthKind().replace('_', ' '));
            }
            for (String secret : secrets) {
                assertThat(exercise.toLowerCase(Locale.ROOT))
                        .as(sheet + " must not give away '" + secret + "'")
                        .doesNotContain(secret.toLowerCase(Locale.ROOT));
            }
            assertThat(exercise)
                    .as(sheet + " must not give away the fault kind")
                    .doesNotContain(scenario.groundTruthKind());
            assertThat(Runbooks.read(key))
                    .as(key.toString())
                    .contains("../../scenarios/" + scenario.name() + ".yml")
                    .contains("../../" + scenario.runbook())
                    .contains(scenario.groundTruthService())
                    .contains(scenario.groundTruthKind())
                    .contains("./drill " + scenario.name());
        }
    }

    @Test
    void everyMarkdownLinkReachesAFile() {
        List<String> problems = new ArrayList<>();
        for (Path file : Runbooks.markdownFiles()) {
            Matcher link = MARKDOWN_LINK.matcher(Runbooks.read(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://")
                        || target.startsWith("https://")
                        || target.startsWith("#")
                        || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = file.getParent()
                        .resolve(target.replaceFirst("#.*$", ""))
                        .normalize();
                if (!Files.exists(resolved)) {
                    problems.add(Runbooks.ROOT.relativize(file) + ": (" + target + ") does not exist");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyGrafanaLinkReachesADashboardPanelAndVariableThatExist() throws IOException {
        Map<String, JsonNode> dashboards = new HashMap<>();
        for (Path file : StackConfigTest.dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            dashboards.put(dashboard.path("uid").asString(), dashboard);
        }
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path file : Runbooks.markdownFiles()) {
            Matcher link = GRAFANA_LINK.matcher(Runbooks.read(file));
            while (link.find()) {
                links++;
                String where = Runbooks.ROOT.relativize(file) + ": " + link.group();
                JsonNode dashboard = dashboards.get(link.group(1));
                if (dashboard == null) {
                    problems.add(where + ": no dashboard with uid " + link.group(1) + " " + dashboards.keySet());
                    continue;
                }
                String query = link.group(2) == null ? "" : link.group(2).substring(1);
                for (String parameter : query.split("&")) {
                    if (parameter.startsWith("viewPanel=")) {
                        String id = parameter.substring("viewPanel=".length());
                        boolean found = false;
                        for (JsonNode panel : dashboard.path("panels")) {
                            found |= panel.path("id").asString().equals(id);
                        }
                        if (!found) {
                            problems.add(where + ": no panel " + id);
                        }
                    }
                    if (parameter.startsWith("var-")) {
                        String variable = parameter.substring(4, parameter.indexOf('='));
                        boolean found = false;
                        for (JsonNode templating : dashboard.path("templating").path("list")) {
                            found |= templating.path("name").asString().equals(variable);
                        }
                        if (!found) {
                            problems.add(where + ": no variable " + variable);
                        }
                    }
                }
            }
        }
        assertThat(links).as("Grafana links in the runbooks").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void theIndexesReachEveryRunbookAndEveryExercise() {
        String index = Runbooks.read(Runbooks.RUNBOOKS.resolve("README.md"));
        for (Path runbook : Runbooks.runbookFiles()) {
            assertThat(index)
                    .as("runbooks/README.md links " + runbook)
                    .contains("(" + Runbooks.RUNBOOKS.relativize(runbook) + ")");
        }
        String guide = Runbooks.read(Runbooks.TRAINING.resolve("README.md"));
        for (Scenario scenario : Runbooks.scenarios()) {
            assertThat(guide)
                    .as("training/README.md links the exercise of " + scenario.name())
                    .contains("(exercises/" + scenario.name() + ".md)")
                    .contains("(answer-keys/" + scenario.name() + ".md)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> rule) {
        return (Map<String, String>) rule.getOrDefault("labels", Map.of());
    }
}
