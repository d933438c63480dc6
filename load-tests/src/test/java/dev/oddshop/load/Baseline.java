package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;

/**
 * The baseline a run must meet: p95 of all requests below {@code shop.p95Ms} and at most
 * {@code shop.maxFailedPercent} of them failed. Gatling fails the Maven build when it does not.
 */
final class Baseline {

    private Baseline() {}

    static Assertion[] assertions(int p95Millis) {
        return new Assertion[] {
            global().responseTime().percentile(95.0).lt(LoadProperties.integer("shop.p95Ms", p95Millis)),
            global().failedRequests().percent().lte(LoadProperties.number("shop.maxFailedPercent", 1.0))
        };
    }
}
