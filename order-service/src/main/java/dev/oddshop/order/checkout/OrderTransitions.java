package dev.oddshop.order.checkout;

import dev.oddshop.order.OrderAttributes;
import dev.oddshop.order.cart.Cart;
import dev.oddshop.order.cart.CartRepository;
import dev.oddshop.order.cart.CartStatus;
import dev.oddshop.order.lifecycle.Order;
import dev.oddshop.order.lifecycle.OrderItem;
import dev.oddshop.order.lifecycle.OrderRepository;
import dev.oddshop.order.lifecycle.OrderStatus;
import dev.oddshop.platform.telemetry.BusinessContext;
import dev.oddshop.platform.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Persists each step of the saga in its own short transaction (never across a remote call),
 * together with what the step means for the cart.
 */
@Component
class OrderTransitions {

    private static final Logger log = LoggerFactory.getLogger(OrderTransitions.class);

    private final OrderRepository orders;

    private final CartRepository carts;

    private final CheckoutMetrics metrics;

    private final BusinessContext context;

    OrderTransitions(OrderRepository orders, CartRepository carts, CheckoutMetrics metrics, BusinessContext context) {
        this.orders = orders;
        this.carts = carts;
        this.metrics = metrics;
        this.context = context;
    }

    /** Creates the PENDING order and claims the cart, or fails if the cart is not open. */
    @Transactional
    Order start(Cart cart, String idempotencyKey, List<OrderItem> items, String currency) {
        if (this.carts.transition(cart.id(), CartStatus.OPEN, CartStatus.CHECKING_OUT, Instant.now()) == 0) {
            throw ApiException.conflict("cart-checked-out", "Cart " + cart.id() + " is already being checked out");
        }
        Order order = this.orders.save(new Order(cart.customerId(), cart.id(), idempotencyKey, items, currency));
        this.context.put(OrderAttributes.ORDER_ID, order.id());
        log.info(
                "Order {} created for cart {}: {} items, total {} {}",
                order.id(),
                cart.id(),
                items.size(),
                order.totalCents(),
                currency);
        return order;
    }

    /** Applies a step to a PENDING order; a final order is returned unchanged. */
    @Transactional
    Order apply(UUID orderId, Consumer<Order> step) {
        Order order = this.orders.findById(orderId).orElseThrow();
        if (order.isFinal()) {
            return order;
        }
        step.accept(order);
        if (order.isFinal()) {
            this.context.put(OrderAttributes.ORDER_STATUS, order.status());
            this.metrics.finished(order);
        }
        if (order.status() == OrderStatus.CONFIRMED) {
            this.carts.transition(order.cartId(), CartStatus.CHECKING_OUT, CartStatus.CHECKED_OUT, Instant.now());
            log.info("Order {} confirmed: {} {}", order.id(), order.totalCents(), order.currency());
        } else if (order.status() == OrderStatus.FAILED) {
            // the customer may try again, e.g. with another card
            this.carts.transition(order.cartId(), CartStatus.CHECKING_OUT, CartStatus.OPEN, Instant.now());
            log.warn("Order {} failed: {}", order.id(), order.failureReason());
        }
        return this.orders.save(order);
    }

    @Transactional(readOnly = true)
    Order current(UUID orderId) {
        return this.orders.findById(orderId).orElseThrow();
    }
}
