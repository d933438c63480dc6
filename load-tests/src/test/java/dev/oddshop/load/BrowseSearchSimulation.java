package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Window shopping: category pages, searches for words of the catalogue, product pages with stock.
 * The reads are public, but each visitor opens a session first, as a shop front does, so the
 * gateway's per-client rate limit counts each visitor on their own rather than all of them
 * against the one address the load comes from.
 */
public class BrowseSearchSimulation extends Simulation {

    public BrowseSearchSimulation() {
        ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
        setUp(scenario("browse and search")
                        .exec(ShopJourneys.openSession(), journeys.browse())
                        .injectOpen(OpenLoad.fromProperties(10, 10, 60).injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()))
                .assertions(Baseline.assertions(500));
    }
}
