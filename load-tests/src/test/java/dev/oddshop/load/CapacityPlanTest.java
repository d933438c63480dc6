package dev.oddshop.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityPlanTest {

    private final CapacityPlan plan = new CapacityPlan(2, 3, 4, Duration.ofSeconds(20), Duration.ofMillis(1000), 1.0);

    @Test
    void ratesStepUpFromTheStartRate() {
        assertThat(List.of(this.plan.rate(0), this.plan.rate(1), this.plan.rate(3)))
                .containsExactly(2.0, 5.0, 11.0);
        assertThat(this.plan.injection()).hasSize(4);
    }

    @Test
    void anArrivalBelongsToTheStepItArrivedIn() {
        assertThat(this.plan.stepAt(Duration.ZERO)).isZero();
        assertThat(this.plan.stepAt(Duration.ofMillis(19_999))).isZero();
        assertThat(this.plan.stepAt(Duration.ofSeconds(20))).isEqualTo(1);
        // the injector's last users may arrive a little after the plan's end
        assertThat(this.plan.stepAt(Duration.ofSeconds(95))).isEqualTo(3);
    }

    @Test
    void theHighestSustainedStepIsTheLastBeforeTheFirstBreach() {
        var fast = new LatencySamples.Summary(100, 0, 80, 300);
        var slow = new LatencySamples.Summary(100, 0, 600, 1001);
        var failing = new LatencySamples.Summary(100, 2, 80, 300);
        assertThat(this.plan.highestSustainedStep(List.of(fast, fast, slow, fast)))
                .hasValue(1);
        assertThat(this.plan.highestSustainedStep(List.of(fast, failing))).hasValue(0);
        assertThat(this.plan.highestSustainedStep(List.of(fast, fast, fast, fast)))
                .hasValue(3);
        assertThat(this.plan.highestSustainedStep(List.of(slow, fast))).isEmpty();
    }

    @Test
    void aStepWithoutCheckoutsSustainsNothing() {
        assertThat(this.plan.sustained(new LatencySamples.Summary(0, 0, 0, 0))).isFalse();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencySamples.percentile(sorted, 95)).isEqualTo(100);
        assertThat(LatencySamples.percentile(new long[] {7}, 95)).isEqualTo(7);
        assertThat(LatencySamples.percentile(new long[0], 95)).isZero();
    }

    @Test
    void samplesAreSummarisedByKey() {
        LatencySamples<Integer> samples = new LatencySamples<>();
        for (int i = 1; i <= 20; i++) {
            samples.record(0, i * 10, i != 20);
        }
        samples.record(1, 5, true);
        assertThat(samples.summary(0)).isEqualTo(new LatencySamples.Summary(20, 1, 100, 190));
        assertThat(samples.summary(0).failedPercent()).isEqualTo(5.0);
        assertThat(samples.summary(1).count()).isEqualTo(1);
        assertThat(samples.summary(2).count()).isZero();
    }
}
