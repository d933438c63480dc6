package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Steady mixed traffic for a long time (an hour by default), to surface what only time shows:
 * leaks, pool exhaustion, growing tables, drifting latency. Most visitors only browse, some
 * abandon a cart, few buy; every visitor opens a session of their own first.
 */
public class SoakSimulation extends Simulation {

    public SoakSimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        setUp(scenario("soak")
                        .exec(ShopJourneys.openSession())
                        .randomSwitch()
                        .on(
                                percent(60.0).then(journeys.browse()),
                                percent(25.0).then(exec(journeys.browse(), journeys.fillCart(3))),
                                percent(15.0).then(journeys.purchase()))
                        .injectOpen(OpenLoad.fromProperties(3, 60, 3600).injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()))
                .assertions(Baseline.assertions(1000));
    }
}
