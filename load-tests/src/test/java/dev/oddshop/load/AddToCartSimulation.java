package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Customers, each with a session of their own, fill a cart with one to five products and look at
 * it, never checking out.
 */
public class AddToCartSimulation extends Simulation {

    public AddToCartSimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        setUp(scenario("add to cart")
                        .exec(ShopJourneys.openSession(), journeys.fillCart(5), ShopJourneys.viewCart())
                        .injectOpen(OpenLoad.fromProperties(5, 10, 60).injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()))
                .assertions(Baseline.assertions(500));
    }
}
