package dev.oddshop.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The drill judges a journey slow by the same threshold the latency SLOs page on: a changed
 * bucket or route in slo-recording.yml must change the drill too, or the matrix would count
 * impact the alerts were never meant to see (or miss what they page on).
 */
class SloThresholdsTest {

    private static final Path RULES = Path.of(System.getProperty("shop.root", ".."))
            .resolve("observability-stack/prometheus/rules/slo-recording.yml");

    /** A good-requests selector of a latency SLI: the routes it covers and its bucket. */
    private static final Pattern LATENCY_SELECTOR =
            Pattern.compile("spring_cloud_gateway_requests_seconds_bucket\\{route_id=~?\"([^\"]+)\",le=\"([^\"]+)\"}");

    @Test
    void theDrillsLatencyThresholdsAreThoseOfTheLatencySlos() throws IOException {
        Map<String, String> measured = new TreeMap<>();
        Matcher selector = LATENCY_SELECTOR.matcher(Files.readString(RULES));
        while (selector.find()) {
            String previous = measured.put(selector.group(1), selector.group(2));
            assertThat(previous).as("one threshold for " + selector.group(1)).isIn(null, selector.group(2));
        }
        assertThat(measured).isEqualTo(new TreeMap<>(SignalCollector.LATENCY_THRESHOLDS));
    }
}
