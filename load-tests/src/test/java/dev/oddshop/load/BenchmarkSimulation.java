package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * One phase of the benchmark (dev.oddshop.bench.Benchmark): purchases at {@code shop.rate} and
 * window shoppers at {@code shop.browseRate} per second, arriving at a fixed rate for
 * {@code shop.duration} seconds with no ramp (the platform is warm). No assertions: the benchmark
 * reads the figures.
 */
public class BenchmarkSimulation extends Simulation {

    public BenchmarkSimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        Duration duration = LoadProperties.seconds("shop.duration", 60);
        setUp(
                        scenario("checkout journey")
                                .exec(ShopJourneys.openSession(), journeys.purchase())
                                .injectOpen(constantUsersPerSec(LoadProperties.number("shop.rate", 3))
                                        .during(duration)),
                        scenario("browse and search")
                                .exec(ShopJourneys.openSession(), journeys.browse())
                                .injectOpen(constantUsersPerSec(LoadProperties.number("shop.browseRate", 3))
                                        .during(duration)))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()));
    }
}
