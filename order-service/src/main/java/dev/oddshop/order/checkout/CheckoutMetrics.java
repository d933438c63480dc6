package dev.oddshop.order.checkout;

import dev.oddshop.order.lifecycle.FailureCause;
import dev.oddshop.order.lifecycle.Order;
import dev.oddshop.order.lifecycle.OrderRepository;
import dev.oddshop.order.lifecycle.OrderStatus;
import dev.oddshop.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The business measurements of checkout: orders by outcome, revenue, cart size, pending orders,
 * and the checkout itself as an observation (a span and the shop_checkout_seconds histogram).
 * Label values are bounded: outcomes and currencies only.
 */
@Component
class CheckoutMetrics {

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    private final DistributionSummary cartItems;

    CheckoutMetrics(MeterRegistry meters, ObservationRegistry observations, OrderRepository orders) {
        this.meters = meters;
        this.observations = observations;
        this.cartItems = DistributionSummary.builder("shop.cart.items")
                .description("Items (quantities summed) in the carts checked out")
                .baseUnit("items")
                .register(meters);
        // a rate cannot show orders stuck in between: the gauge can
        Gauge.builder("shop.orders.pending", orders, repository -> repository.countByStatus(OrderStatus.PENDING))
                .description("Orders whose checkout has not reached a final state")
                .register(meters);
    }

    /** Observes one checkout request; its outcome label says how it ended. */
    CheckoutSaga.Outcome observe(Supplier<CheckoutSaga.Outcome> checkout) {
        Observation observation = Observation.createNotStarted("shop.checkout", this.observations)
                .contextualName("checkout")
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            CheckoutSaga.Outcome outcome = checkout.get();
            Order order = outcome.order();
            observation.lowCardinalityKeyValue("outcome", label(order.status()));
            if (order.status() == OrderStatus.FAILED) {
                observation.error(new CheckoutFailedException(order.failureReason()));
            }
            return outcome;
        } catch (ApiException ex) {
            // refused before or while ordering: sold out, empty cart, bad state
            boolean soldOut = ex.kind().equals("insufficient-stock");
            observation.lowCardinalityKeyValue("outcome", soldOut ? "failed" : "rejected");
            if (ex.status().is5xxServerError()) {
                observation.error(ex);
            }
            if (!soldOut) {
                // a sold-out checkout made a FAILED order, counted by finished(...)
                checkoutEnded(
                        "refused", ex.status().is5xxServerError() ? FailureCause.INTERNAL : FailureCause.CUSTOMER);
            }
            throw ex;
        } catch (RuntimeException ex) {
            observation.lowCardinalityKeyValue("outcome", "error");
            observation.error(ex);
            checkoutEnded("refused", FailureCause.INTERNAL);
            throw ex;
        } finally {
            observation.stop();
        }
    }

    void cartCheckedOut(int items) {
        this.cartItems.record(items);
    }

    /** Counts an order that reached its final state, and its revenue when confirmed. */
    void finished(Order order) {
        Counter.builder("shop.orders")
                .description("Orders by final outcome")
                .tag("outcome", label(order.status()))
                .register(this.meters)
                .increment();
        checkoutEnded(label(order.status()), order.failureCause());
        if (order.status() == OrderStatus.CONFIRMED) {
            Counter.builder("shop.revenue")
                    .description("Revenue of confirmed orders, in minor units")
                    .baseUnit("cents")
                    .tag("currency", order.currency())
                    .register(this.meters)
                    .increment(order.totalCents());
        }
    }

    /**
     * The checkout-success SLI: each checkout once, when its result is final (an order confirmed or
     * failed, or refused before an order existed), with who its failure is down to. A 500 answered
     * after the order was written counts here and again when the reconciler settles that order:
     * the customer saw the failure either way.
     */
    private void checkoutEnded(String outcome, FailureCause cause) {
        Counter.builder("shop.checkouts")
                .description("Checkout attempts by final result and by whose side a failure is on")
                .tag("outcome", outcome)
                .tag("cause", cause == null ? "none" : cause.name().toLowerCase(Locale.ROOT))
                .register(this.meters)
                .increment();
    }

    private static String label(OrderStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Marks a checkout span as failed; the reason is the order's. */
    static final class CheckoutFailedException extends RuntimeException {

        CheckoutFailedException(String reason) {
            super(reason, null, false, false);
        }
    }
}
