package dev.oddshop.inventory;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoint;
import java.util.Set;

/** The fault points of inventory-service: every fault it accepts names one of these. */
public final class InventoryFaultPoints {

    public static final FaultPoint RESERVE = FaultPoint.of(
            "inventory.reserve",
            "a reservation request from order-service, before its transaction",
            FaultPoint.REQUEST,
            FaultPoint.PROCESS);

    public static final FaultPoint RESERVE_SQL = FaultPoint.of(
            "inventory.reserve.sql",
            "inside the reservation's transaction, on its connection (SLOW_SQL)",
            Set.of(FaultKind.SLOW_SQL));

    public static final FaultPoint STOCK_LOCKED = FaultPoint.of(
            "inventory.stock.locked",
            "while the reservation holds the stock rows locked (LOCK_CONTENTION)",
            Set.of(FaultKind.LOCK_CONTENTION));

    private InventoryFaultPoints() {}
}
