package dev.oddshop.order;

import dev.oddshop.platform.telemetry.BusinessAttribute;

/** What order-service's spans and log lines can be found by (docs/CONVENTIONS.md). */
public final class OrderAttributes {

    public static final BusinessAttribute ORDER_ID = new BusinessAttribute("shop.order.id", "order_id");

    public static final BusinessAttribute ORDER_STATUS = new BusinessAttribute("shop.order.status", "order_status");

    public static final BusinessAttribute CART_ID = new BusinessAttribute("shop.cart.id", "cart_id");

    public static final BusinessAttribute CART_SIZE = new BusinessAttribute("shop.cart.size", "cart_size");

    private OrderAttributes() {}
}
