package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.platform.tests.LogLineFilters.Line;
import dev.oddshop.platform.tests.Runbooks.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a runbook's line filters are held against what the services write (FaultsIT runs it on real logs). */
class LogLineFiltersTest {

    private static final List<Line> LINES = List.of(
            new Line(
                    "payment-service", "WARN", "{\"message\":\"Retry provider: attempt 1 failed\",\"level\":\"WARN\"}"),
            new Line("order-service", "WARN", "Order {}: payment outcome unknown ({}); the reconciler will ask"));

    @Test
    void aFilterMatchesALineOfTheSelectedServiceAndLevel() {
        assertThat(unmatched("{service=\"payment-service\", level=\"WARN\"} |= \"Retry provider\""))
                .isEmpty();
        assertThat(unmatched(
                        "{service=~\"order-service|gateway\", level=~\"WARN|ERROR\"} |~ \"outcome (unknown|lost)\""))
                .isEmpty();
    }

    @Test
    void aFilterOnAnotherServiceOrLevelOrTextMatchesNothing() {
        assertThat(unmatched("{service=\"order-service\"} |= \"Retry provider\""))
                .hasSize(1);
        assertThat(unmatched("{service=\"payment-service\", level=\"ERROR\"} |= \"Retry provider\""))
                .hasSize(1);
        assertThat(unmatched("{service=\"payment-service\"} |= \"Retry provider\" |= \"succeeded\""))
                .hasSize(1);
    }

    @Test
    void placeholdersAndWhatOnlyADyingJvmWritesAreLeftAlone() {
        assertThat(unmatched("{service=\"order-service\"} |= \"<order-id>\"")).isEmpty();
        assertThat(unmatched("{service=\"catalog-service\"} |~ \"OutOfMemoryError|GC overhead\""))
                .isEmpty();
    }

    private static List<String> unmatched(String logql) {
        return LogLineFilters.unmatched(
                List.of(new Query(Runbooks.RUNBOOKS.resolve("example.md"), 1, "logql", logql)), LINES);
    }
}
