package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/** The whole purchase: open a session, browse, fill a cart, check out with tok_visa, look at the order. */
public class CheckoutJourneySimulation extends Simulation {

    public CheckoutJourneySimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        setUp(scenario("checkout journey")
                        .exec(ShopJourneys.openSession(), journeys.purchase())
                        .injectOpen(OpenLoad.fromProperties(3, 10, 60).injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()))
                .assertions(Baseline.assertions(1000));
    }
}
