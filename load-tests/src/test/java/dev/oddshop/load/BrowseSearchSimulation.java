package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/** Window shopping: category pages, searches for words of the catalogue, product pages with stock. */
public class BrowseSearchSimulation extends Simulation {

	public BrowseSearchSimulation() {
		ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
		setUp(scenario("browse and search").exec(journeys.browse())
			.injectOpen(OpenLoad.fromProperties(10, 10, 60).injection()))
			.protocols(ShopJourneys.protocol(LoadProperties.baseUrl()))
			.assertions(Baseline.assertions(500));
	}

}
