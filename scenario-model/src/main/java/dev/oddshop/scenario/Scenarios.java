package dev.oddshop.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the scenario files of a directory (scenarios/ at the project root), or one file's text. */
public final class Scenarios {

    private final Path directory;

    public Scenarios(Path directory) {
        this.directory = directory;
    }

    public List<Scenario> all() throws IOException {
        try (Stream<Path> files = Files.list(this.directory)) {
            List<Path> scenarioFiles = files.filter(file -> file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
            List<Scenario> scenarios = new ArrayList<>();
            for (Path file : scenarioFiles) {
                scenarios.add(read(file));
            }
            return scenarios;
        }
    }

    public Scenario named(String name) throws IOException {
        Path file = this.directory.resolve(name + ".yml");
        if (!name.matches("[a-z0-9-]+") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No scenario " + name + " in " + this.directory);
        }
        return read(file);
    }

    static Scenario read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(file.getFileName().toString(), reader);
        }
    }

    /** The scenario in {@code reader}, the text of the file named {@code fileName} (NAME.yml). */
    public static Scenario read(String fileName, Reader reader) {
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        String name = text(yaml, "name");
        if (!fileName.equals(name + ".yml")) {
            throw new IllegalArgumentException(fileName + " must be named " + name + ".yml");
        }
        Map<String, Object> truth = map(yaml, "ground_truth");
        List<ScenarioFault> faults =
                list(yaml, "faults").stream().map(fault -> fault(name, fault)).toList();
        Map<String, Integer> replicas = new LinkedHashMap<>();
        map(yaml, "replicas").forEach((service, count) -> replicas.put(service, (Integer) count));
        List<InstanceCrash> crashes = list(yaml, "crashes").stream()
                .map(crash -> new InstanceCrash(
                        text(crash, "service"), (Integer) crash.get("instance"), duration(crash, "for")))
                .toList();
        if (faults.isEmpty() && crashes.isEmpty()) {
            throw new IllegalArgumentException(fileName + " has neither faults nor crashes");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, String>> alerts = (List<Map<String, String>>) (List<?>) list(yaml, "expected_alerts");
        return new Scenario(
                name,
                text(yaml, "title"),
                text(yaml, "story").strip(),
                text(yaml, "symptom"),
                text(yaml, "load"),
                faults,
                replicas,
                crashes,
                new Scenario.GroundTruth(text(truth, "service"), text(truth, "kind")),
                alerts,
                text(yaml, "runbook"));
    }

    private static ScenarioFault fault(String scenario, Map<String, Object> fault) {
        Object probability = fault.get("probability");
        return new ScenarioFault(
                text(fault, "service"),
                text(fault, "id"),
                text(fault, "kind"),
                text(fault, "point"),
                probability == null ? null : ((Number) probability).doubleValue(),
                duration(fault, "duration"),
                duration(fault, "jitter"),
                duration(fault, "after"),
                duration(fault, "for"),
                "scenario " + scenario);
    }

    private static String text(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "' in " + yaml.keySet());
        }
        return value.toString();
    }

    private static Duration duration(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        return value == null ? null : Duration.parse(value.toString());
    }

    /** The map under {@code key}; empty when the file leaves it out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> yaml, String key) {
        return (Map<String, Object>) yaml.getOrDefault(key, Map.of());
    }

    /** The list under {@code key}; empty when the file leaves it out. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> yaml, String key) {
        return (List<Map<String, Object>>) yaml.getOrDefault(key, List.of());
    }
}
