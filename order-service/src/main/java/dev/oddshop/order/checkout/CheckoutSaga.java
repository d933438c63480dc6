package dev.oddshop.order.checkout;

import dev.oddshop.order.OrderAttributes;
import dev.oddshop.order.cart.Cart;
import dev.oddshop.order.cart.CartItem;
import dev.oddshop.order.cart.CartService;
import dev.oddshop.order.cart.CartStatus;
import dev.oddshop.order.lifecycle.CheckoutStep;
import dev.oddshop.order.lifecycle.FailureCause;
import dev.oddshop.order.lifecycle.Order;
import dev.oddshop.order.lifecycle.OrderItem;
import dev.oddshop.order.lifecycle.OrderRepository;
import dev.oddshop.order.remote.CatalogClient;
import dev.oddshop.order.remote.CatalogClient.Price;
import dev.oddshop.order.remote.InventoryClient;
import dev.oddshop.order.remote.PaymentClient;
import dev.oddshop.order.remote.PaymentClient.Payment;
import dev.oddshop.platform.telemetry.BusinessContext;
import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checkout as a saga: current prices -> reserve stock -> charge -> commit and confirm. A failure
 * compensates (release the stock, order FAILED with the reason); an unknown payment outcome
 * leaves the order PENDING for {@link #resume(Order)}, which asks and never charges again. A paid
 * order whose stock is gone (its reservation expired) is refunded before it fails.
 */
@Service
public class CheckoutSaga {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    /** What the customer reads when the stock ran out between the payment and the commit. */
    static final String SOLD_OUT_REFUNDED =
            "the items sold out before the order completed; the payment was refunded in full";

    private final CartService carts;

    private final OrderRepository orders;

    private final OrderTransitions transitions;

    private final CatalogClient catalog;

    private final InventoryClient inventory;

    private final PaymentClient payments;

    private final CheckoutMetrics metrics;

    private final BusinessContext context;

    CheckoutSaga(
            CartService carts,
            OrderRepository orders,
            OrderTransitions transitions,
            CatalogClient catalog,
            InventoryClient inventory,
            PaymentClient payments,
            CheckoutMetrics metrics,
            BusinessContext context) {
        this.carts = carts;
        this.orders = orders;
        this.transitions = transitions;
        this.catalog = catalog;
        this.inventory = inventory;
        this.payments = payments;
        this.metrics = metrics;
        this.context = context;
    }

    /** The outcome of a checkout request; {@code replayed} when the idempotency key was seen. */
    public record Outcome(Order order, boolean replayed) {}

    public Outcome checkout(CustomerId customer, UUID cartId, String idempotencyKey, String cardToken) {
        return this.metrics.observe(() -> checkoutObserved(customer, cartId, idempotencyKey, cardToken));
    }

    private Outcome checkoutObserved(CustomerId customer, UUID cartId, String idempotencyKey, String cardToken) {
        if (idempotencyKey != null) {
            var seen = this.orders.findByCustomerIdAndIdempotencyKey(customer.value(), idempotencyKey);
            if (seen.isPresent()) {
                return replay(seen.get(), cartId);
            }
        }
        Cart cart = this.carts.find(customer, cartId);
        if (cart.items().isEmpty()) {
            throw ApiException.conflict("cart-empty", "Cart " + cartId + " is empty");
        }
        if (cart.status() != CartStatus.OPEN) {
            throw ApiException.conflict("cart-checked-out", "Cart " + cartId + " is " + cart.status());
        }
        this.context.put(OrderAttributes.CART_ID, cartId);
        this.context.put(OrderAttributes.CART_SIZE, cart.items().size());
        List<OrderItem> items = currentPrices(cart);
        this.metrics.cartCheckedOut(items.stream().mapToInt(OrderItem::quantity).sum());
        Order order;
        try {
            order = this.transitions.start(
                    cart, idempotencyKey, items, cart.items().getFirst().currency());
        } catch (DataIntegrityViolationException | ApiException ex) {
            // a request with the same key got past the look-up above too and won the race: to the same
            // cart it claimed the cart first (409 cart-checked-out), to another it took the key. Its order
            // is committed by now (the claim waited for its transaction): answer with it.
            Optional<Order> winner = idempotencyKey == null
                    ? Optional.empty()
                    : this.orders.findByCustomerIdAndIdempotencyKey(customer.value(), idempotencyKey);
            return replay(winner.orElseThrow(() -> ex), cartId);
        }
        return new Outcome(run(order, cardToken), false);
    }

    private Outcome replay(Order order, UUID cartId) {
        if (!order.cartId().equals(cartId)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for the checkout of another cart");
        }
        return new Outcome(order, true);
    }

    private List<OrderItem> currentPrices(Cart cart) {
        List<OrderItem> items = new ArrayList<>();
        for (CartItem item : cart.items()) {
            Price price;
            try {
                price = this.catalog
                        .price(item.productId())
                        .orElseThrow(() -> ApiException.conflict(
                                "product-unavailable", "Product " + item.productId() + " is no longer sold"));
            } catch (ApiException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                // nothing is written yet, so the customer can simply retry
                throw new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "dependency-unavailable",
                        "Prices cannot be confirmed right now; nothing was ordered or charged, please retry");
            }
            items.add(new OrderItem(item.productId(), item.quantity(), price.priceCents()));
        }
        return items;
    }

    private Order run(Order order, String cardToken) {
        UUID id = order.id();
        Optional<InventoryClient.Refusal> refusal;
        try {
            refusal = this.inventory.reserve(
                    id,
                    order.items().stream()
                            .map(i -> new InventoryClient.Line(i.productId(), i.quantity()))
                            .toList());
        } catch (RuntimeException ex) {
            log.warn("Order {}: the reservation failed ({}); compensating", id, describe(ex));
            return compensate(id, FailureCause.INTERNAL, "stock could not be reserved; nothing was charged");
        }
        if (refusal.isPresent()) {
            Order failed = this.transitions.apply(
                    id,
                    o -> o.fail(
                            FailureCause.CUSTOMER,
                            "insufficient stock: " + refusal.get().detail()));
            throw new ApiException(
                    HttpStatus.CONFLICT, "insufficient-stock", failed.failureReason(), Map.of("orderId", id));
        }
        this.transitions.apply(id, Order::stockReserved);
        Payment payment;
        try {
            payment = this.payments.charge(id, order.customerId(), order.totalCents(), order.currency(), cardToken);
        } catch (RuntimeException ex) {
            log.warn("Order {}: payment outcome unknown ({}); the reconciler will ask", id, describe(ex));
            return this.transitions.apply(id, o -> o.paymentUnknown("payment outcome unknown"));
        }
        return settle(id, payment);
    }

    /** Resolves a PENDING order left behind by a crash, a timeout or an unknown payment outcome. */
    public Order resume(Order order) {
        UUID id = order.id();
        this.context.put(OrderAttributes.ORDER_ID, id);
        return switch (order.step()) {
            // even at STARTED the checkout's own thread may still be charging (a slow reservation): make sure
            // the payment is settled or can never happen before the order is failed
            case STARTED, STOCK_RESERVED, PAYMENT_UNKNOWN -> {
                Payment payment = this.payments.status(id).orElseGet(() -> this.payments.cancel(id));
                yield settle(id, payment);
            }
            case PAYMENT_CAPTURED -> commit(id);
            case REFUND_DUE -> refund(id);
            case DONE -> order;
        };
    }

    private Order settle(UUID id, Payment payment) {
        return switch (payment.status()) {
            case CAPTURED -> {
                this.transitions.apply(id, Order::paymentCaptured);
                yield commit(id);
            }
            case DECLINED -> compensate(id, FailureCause.CUSTOMER, "payment declined: " + payment.declineCode());
            case FAILED -> {
                log.warn("Order {}: payment failed ({})", id, payment.failureReason());
                yield compensate(id, FailureCause.INTERNAL, "the payment could not be completed; nothing was charged");
            }
            // only after a refund this saga asked for: the money is back, the stock goes back too
            case REFUNDED -> compensate(id, FailureCause.INTERNAL, SOLD_OUT_REFUNDED);
            case PENDING -> {
                Order current = this.transitions.current(id);
                yield current.step() == CheckoutStep.PAYMENT_UNKNOWN
                        ? current
                        : this.transitions.apply(id, o -> o.paymentUnknown("payment pending at the provider"));
            }
        };
    }

    private Order commit(UUID id) {
        boolean committed;
        try {
            committed = this.inventory.commit(id);
        } catch (RuntimeException ex) {
            log.warn("Order {}: paid but the reservation commit failed ({}); the reconciler retries", id, describe(ex));
            return this.transitions.current(id);
        }
        if (!committed) {
            // only when inventory was unreachable for longer than the reservation's expiry and the stock sold meanwhile
            log.error("Order {}: paid, but its reservation expired and the stock is gone; refunding the payment", id);
            this.transitions.apply(id, o -> o.refundDue("stock reservation expired after payment"));
            return refund(id);
        }
        return this.transitions.apply(id, Order::confirm);
    }

    /**
     * Gives the whole payment of an order whose stock is gone back. Until payment-service confirms
     * the refund, the order stays PENDING (REFUND_DUE) and the reconciler asks again: a refund is
     * keyed by the order, so asking twice never refunds twice.
     */
    private Order refund(UUID id) {
        Payment payment;
        try {
            payment = this.payments.refund(id);
        } catch (RuntimeException ex) {
            log.warn("Order {}: the refund failed ({}); the reconciler retries", id, describe(ex));
            return this.transitions.current(id);
        }
        log.info("Order {}: payment {}, order failed", id, payment.status());
        return this.transitions.apply(id, o -> o.fail(FailureCause.INTERNAL, SOLD_OUT_REFUNDED));
    }

    /** Releases the stock and fails the order with a reason fit for the customer (the detail is logged). */
    private Order compensate(UUID id, FailureCause cause, String reason) {
        try {
            this.inventory.release(id);
        } catch (RuntimeException ex) {
            log.warn("Order {}: releasing its stock failed ({}); the reconciler retries", id, describe(ex));
            return this.transitions.current(id);
        }
        log.info("Order {}: compensated, stock released ({})", id, reason);
        return this.transitions.apply(id, o -> o.fail(cause, reason));
    }

    private static String describe(RuntimeException ex) {
        return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
}
