package dev.oddshop.gateway.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.scenario.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SurprisePlanTest {

    private final List<Scenario> scenarios = ScenarioLibrary.fromClasspath().startable();

    SurprisePlanTest() throws IOException {}

    @Test
    void theSameSeedAndWindowReplayTheSameSession() {
        Duration window = Duration.ofMinutes(30);
        assertThat(SurprisePlan.draw(42, window, this.scenarios))
                .isEqualTo(SurprisePlan.draw(42, window, this.scenarios));
    }

    @Test
    void everyScenarioCanComeUpAndAlwaysWithinTheWindow() {
        Duration window = Duration.ofMinutes(10);
        Set<String> drawn = new HashSet<>();
        LongStream.range(0, 500)
                .mapToObj(seed -> SurprisePlan.draw(seed, window, this.scenarios))
                .forEach(plan -> {
                    drawn.add(plan.scenario().name());
                    assertThat(plan.offset()).isBetween(Duration.ZERO, window);
                });
        assertThat(drawn).hasSameSizeAs(this.scenarios);
    }
}
