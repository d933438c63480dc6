package dev.oddshop.gateway.scenario;

import dev.oddshop.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * What a surprise starts and when, drawn from its seed alone: the same seed, window and scenarios
 * replay the same session of a Wheel of Misfortune.
 *
 * @param offset from the moment it is armed, within the window
 */
record SurprisePlan(Scenario scenario, Duration offset) {

    static SurprisePlan draw(long seed, Duration window, List<Scenario> scenarios) {
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("no scenario to draw from");
        }
        Random random = new Random(seed);
        Scenario scenario = scenarios.get(random.nextInt(scenarios.size()));
        return new SurprisePlan(scenario, Duration.ofSeconds(random.nextLong(window.toSeconds() + 1)));
    }
}
