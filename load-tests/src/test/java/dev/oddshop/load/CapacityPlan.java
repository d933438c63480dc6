package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * A capacity run: checkout arrivals start at {@code startRate} per second and step up by
 * {@code rateStep}, each rate held for {@code stepDuration}. A step is sustained when its
 * checkouts' p95 stays within {@code p95Bound} and at most {@code maxFailedPercent} failed.
 */
record CapacityPlan(
        double startRate,
        double rateStep,
        int steps,
        Duration stepDuration,
        Duration p95Bound,
        double maxFailedPercent) {

    CapacityPlan {
        if (steps < 1 || stepDuration.isZero() || startRate <= 0 || rateStep < 0) {
            throw new IllegalArgumentException(
                    "A capacity run needs at least one step of some duration at a positive rate");
        }
    }

    static CapacityPlan fromProperties() {
        return new CapacityPlan(
                LoadProperties.number("shop.capacity.startRate", 5),
                LoadProperties.number("shop.capacity.rateStep", 5),
                LoadProperties.integer("shop.capacity.steps", 12),
                LoadProperties.seconds("shop.capacity.stepSeconds", 20),
                Duration.ofMillis(LoadProperties.integer("shop.capacity.p95Ms", 1000)),
                LoadProperties.number("shop.capacity.maxFailedPercent", 1.0));
    }

    double rate(int step) {
        return this.startRate + step * this.rateStep;
    }

    /** The step a checkout belongs to, by when it arrived after the run's first arrival. */
    int stepAt(Duration sinceFirstArrival) {
        return (int) Math.min(this.steps - 1, sinceFirstArrival.toNanos() / this.stepDuration.toNanos());
    }

    List<OpenInjectionStep> injection() {
        return IntStream.range(0, this.steps)
                .<OpenInjectionStep>mapToObj(
                        step -> constantUsersPerSec(rate(step)).during(this.stepDuration))
                .toList();
    }

    boolean sustained(LatencySamples.Summary step) {
        return step.count() > 0
                && step.p95Millis() <= this.p95Bound.toMillis()
                && step.failedPercent() <= this.maxFailedPercent;
    }

    /**
     * The last step sustained before the first that was not: once the platform saturates, a later
     * step that happens to look fine is queueing luck, not capacity.
     */
    OptionalInt highestSustainedStep(List<LatencySamples.Summary> results) {
        int highest = -1;
        for (int step = 0; step < results.size() && sustained(results.get(step)); step++) {
            highest = step;
        }
        return highest < 0 ? OptionalInt.empty() : OptionalInt.of(highest);
    }
}
