package dev.oddshop.drill;

import dev.oddshop.drill.PhaseSignals.Business;
import dev.oddshop.drill.PhaseSignals.Slis;
import java.time.Instant;
import java.util.Map;

/** Phase signals for the drill's unit tests: a minute of sales, with no services or calls unless added. */
final class TestPhases {

    private TestPhases() {}

    static PhaseSignals sales(double revenuePerMinute, double confirmedOrdersPerMinute, Business business) {
        return new PhaseSignals(
                new Phase("phase", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)),
                new Slis(0, 0.3, 1, revenuePerMinute, confirmedOrdersPerMinute, 3, 0, 0.3),
                Map.of(),
                Map.of(),
                business,
                Map.of());
    }
}
