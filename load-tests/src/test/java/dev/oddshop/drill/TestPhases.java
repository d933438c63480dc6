package dev.oddshop.drill;

import dev.oddshop.drill.PhaseSignals.Business;
import dev.oddshop.drill.PhaseSignals.Slis;
import java.time.Instant;
import java.util.Map;

/** Phase signals for the drill's unit tests: a minute of sales, with no services or calls unless added. */
final class TestPhases {

    private TestPhases() {}

    static PhaseSignals sales(double revenuePerMinute, double confirmedOrdersPerMinute, Business business) {
        return phase(new Slis(0, 0.3, 1, revenuePerMinute, confirmedOrdersPerMinute, 3, Map.of(), 0.3), business);
    }

    /** A minute of steady sales whose journey routes failed these shares of their requests. */
    static PhaseSignals journeys(Map<String, Double> failureRatios) {
        return phase(new Slis(0, 0.3, 1, 54_000, 180, 3, failureRatios, 0.3), new Business(0, 0, 0, 0, 1));
    }

    private static PhaseSignals phase(Slis slis, Business business) {
        return new PhaseSignals(
                new Phase("phase", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)),
                slis,
                Map.of(),
                Map.of(),
                business,
                Map.of());
    }
}
