package dev.oddshop.order;

import dev.oddshop.platform.fault.FaultPoint;

/** The fault points of order-service: every fault it accepts names one of these. */
public final class OrderFaultPoints {

    public static final FaultPoint CHECKOUT = FaultPoint.of(
            "order.checkout", "a checkout request, before the saga starts", FaultPoint.REQUEST, FaultPoint.PROCESS);

    private OrderFaultPoints() {}
}
