package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/** Carts filled with one to five products and looked at, never checked out. */
public class AddToCartSimulation extends Simulation {

	public AddToCartSimulation() {
		ShopJourneys journeys = ShopJourneys.ofLiveCatalogue();
		setUp(scenario("add to cart").exec(journeys.fillCart(5), ShopJourneys.viewCart())
			.injectOpen(OpenLoad.fromProperties(5, 10, 60).injection()))
			.protocols(ShopJourneys.protocol(LoadProperties.baseUrl()))
			.assertions(Baseline.assertions(500));
	}

}
