package dev.oddshop.catalog;

import dev.oddshop.platform.fault.FaultPoint;

/** The fault points of catalog-service: every fault it accepts names one of these. */
public final class CatalogFaultPoints {

    public static final FaultPoint SEARCH =
            FaultPoint.of("catalog.search", "a catalogue page or a search, before the query", FaultPoint.REQUEST);

    public static final FaultPoint PRODUCT = FaultPoint.of(
            "catalog.product",
            "a product page (order-service's price look-ups too), before the look-up",
            FaultPoint.REQUEST,
            FaultPoint.PROCESS);

    private CatalogFaultPoints() {}
}
