package dev.oddshop.inventory;

import dev.oddshop.platform.fault.FaultPoint;

/** The fault points of inventory-service: every fault it accepts names one of these. */
public final class InventoryFaultPoints {

	public static final FaultPoint RESERVE = new FaultPoint("inventory.reserve",
			"a reservation request from order-service, before its transaction");

	public static final FaultPoint RESERVE_SQL = new FaultPoint("inventory.reserve.sql",
			"inside the reservation's transaction, on its connection (SLOW_SQL)");

	public static final FaultPoint STOCK_LOCKED = new FaultPoint("inventory.stock.locked",
			"while the reservation holds the stock rows locked (LOCK_CONTENTION)");

	private InventoryFaultPoints() {
	}

}
