package dev.oddshop.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.drill.DrillResult.Detection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The figure `drill all` prints per scenario: the slowest expected alert's time to page. */
class DrillResultTest {

    private static final Detection POOL = new Detection(
            Map.of("alertname", "DatabasePoolExhausted"), Duration.ofSeconds(84), Duration.ofSeconds(87), false);

    private static final Detection LATENCY = new Detection(
            Map.of("alertname", "SLOBurnRateDrill"), Duration.ofSeconds(30), Duration.ofSeconds(33), false);

    @Test
    void theDetectionTimeIsTheSlowestExpectedAlertsPage() {
        assertThat(result(POOL, LATENCY).detectionTime()).isEqualTo(Duration.ofSeconds(87));
    }

    @Test
    void oneMissedAlertLeavesNoDetectionTime() {
        Detection missed = new Detection(Map.of("alertname", "SLOBurnRateDrill"), null, null, false);
        assertThat(result(POOL, missed).detectionTime()).isNull();
        assertThat(result(missed).detectionTime()).isNull();
    }

    @Test
    void anAlertAlreadyFiringBeforeTheFaultDetectedNothing() {
        Detection early = new Detection(Map.of("alertname", "SLOBurnRateDrill"), Duration.ZERO, Duration.ZERO, true);
        assertThat(result(POOL, early).detectionTime()).isNull();
    }

    private static DrillResult result(Detection... detections) {
        return new DrillResult(
                null,
                List.of(),
                List.of(),
                List.of(detections),
                List.of(),
                List.of(),
                Optional.empty(),
                null,
                List.of());
    }
}
