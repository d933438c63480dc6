package dev.oddshop.catalog;

import dev.oddshop.platform.fault.FaultPoint;

/** The fault points of catalog-service: every fault it accepts names one of these. */
public final class CatalogFaultPoints {

	public static final FaultPoint SEARCH = new FaultPoint("catalog.search",
			"a catalogue page or a search, before the query");

	public static final FaultPoint PRODUCT = new FaultPoint("catalog.product",
			"a product page (order-service's price look-ups too), before the look-up");

	private CatalogFaultPoints() {
	}

}
