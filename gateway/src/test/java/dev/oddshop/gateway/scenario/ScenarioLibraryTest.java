package dev.oddshop.gateway.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The control room's scenarios: the project's scenario files, packaged into the gateway. */
class ScenarioLibraryTest {

    @Test
    void holdsEveryScenarioFileOfTheProject() throws IOException {
        List<String> files;
        try (Stream<Path> listed = Files.list(Path.of("..", "scenarios"))) {
            files = listed.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yml"))
                    .map(name -> name.substring(0, name.length() - ".yml".length()))
                    .sorted()
                    .toList();
        }
        assertThat(ScenarioLibrary.fromClasspath().all())
                .extracting(Scenario::name)
                .containsExactlyElementsOf(files);
    }

    @Test
    void aScenarioThatCrashesAnInstanceIsLeftToTheLauncher() throws IOException {
        ScenarioLibrary library = ScenarioLibrary.fromClasspath();
        assertThat(library.startable())
                .extracting(Scenario::name)
                .contains("checkout-incident")
                .doesNotContain("instance-crash");
        ScenarioView crash = ScenarioView.of(library.named("instance-crash").orElseThrow());
        assertThat(crash.startable()).isFalse();
        assertThat(crash.startHint())
                .contains("./shop up --replicas order-service=2", "./shop scenario start instance-crash");
        assertThat(ScenarioView.of(library.named("checkout-incident").orElseThrow()))
                .satisfies(view -> {
                    assertThat(view.startable()).isTrue();
                    assertThat(view.startHint()).isNull();
                    assertThat(view.length()).isEqualTo("PT5M");
                    assertThat(view.faults()).singleElement().satisfies(fault -> {
                        assertThat(fault.service()).isEqualTo("payment-provider-simulator");
                        assertThat(fault.after()).isEqualTo(Duration.ZERO.toString());
                    });
                });
    }
}
