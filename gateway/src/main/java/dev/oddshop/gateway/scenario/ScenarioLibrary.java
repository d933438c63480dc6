package dev.oddshop.gateway.scenario;

import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.Scenarios;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The scenario files the gateway was built with (the project's scenarios/, packaged into its jar),
 * so the control room offers the same incidents as {@code ./shop scenario} and the drill.
 */
public final class ScenarioLibrary {

    private final List<Scenario> scenarios;

    private ScenarioLibrary(List<Scenario> scenarios) {
        this.scenarios = scenarios;
    }

    static ScenarioLibrary fromClasspath() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:scenarios/*.yml");
        List<Scenario> scenarios = new java.util.ArrayList<>();
        for (Resource file : files) {
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                scenarios.add(Scenarios.read(file.getFilename(), reader));
            }
        }
        scenarios.sort(Comparator.comparing(Scenario::name));
        return new ScenarioLibrary(List.copyOf(scenarios));
    }

    /** Every scenario, by name. */
    public List<Scenario> all() {
        return this.scenarios;
    }

    /** The scenarios this gateway can start on its own: those that switch faults and crash no instance. */
    public List<Scenario> startable() {
        return this.scenarios.stream().filter(ScenarioLibrary::startable).toList();
    }

    public Optional<Scenario> named(String name) {
        return this.scenarios.stream()
                .filter(scenario -> scenario.name().equals(name))
                .findFirst();
    }

    static boolean startable(Scenario scenario) {
        return scenario.crashes().isEmpty();
    }
}
