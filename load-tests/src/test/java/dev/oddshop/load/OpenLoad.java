package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open workload (customers arrive whether or not the shop keeps up, as on the web): arrivals
 * ramp up to {@code shop.rate} per second over {@code shop.ramp} seconds, then hold that rate for
 * {@code shop.duration} seconds.
 */
record OpenLoad(double rate, Duration ramp, Duration duration) {

    static OpenLoad fromProperties(double rate, long rampSeconds, long durationSeconds) {
        return new OpenLoad(
                LoadProperties.number("shop.rate", rate),
                LoadProperties.seconds("shop.ramp", rampSeconds),
                LoadProperties.seconds("shop.duration", durationSeconds));
    }

    List<OpenInjectionStep> injection() {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (!this.ramp.isZero()) {
            steps.add(rampUsersPerSec(Math.min(1.0, this.rate)).to(this.rate).during(this.ramp));
        }
        steps.add(constantUsersPerSec(this.rate).during(this.duration));
        return steps;
    }
}
