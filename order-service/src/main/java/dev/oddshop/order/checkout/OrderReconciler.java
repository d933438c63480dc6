package dev.oddshop.order.checkout;

import dev.oddshop.order.lifecycle.Order;
import dev.oddshop.order.lifecycle.OrderRepository;
import dev.oddshop.order.lifecycle.OrderStatus;
import dev.oddshop.platform.telemetry.BusinessContext;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings every stale PENDING order to a final state: asks payment-service for unknown
 * outcomes, commits paid reservations, releases abandoned ones.
 */
@Component
class OrderReconciler {

    private static final Logger log = LoggerFactory.getLogger(OrderReconciler.class);

    private static final int BATCH = 50;

    private final OrderRepository orders;

    private final CheckoutSaga saga;

    private final OrdersProperties properties;

    private final BusinessContext context;

    OrderReconciler(OrderRepository orders, CheckoutSaga saga, OrdersProperties properties, BusinessContext context) {
        this.orders = orders;
        this.saga = saga;
        this.properties = properties;
        this.context = context;
    }

    /**
     * How often: shop.orders.reconcile-interval (application.yml); on one replica at a time
     * ({@link ReconcilerLockConfiguration}), the others skip the round.
     */
    @Scheduled(fixedDelayString = "${shop.orders.reconcile-interval:5s}")
    @SchedulerLock(name = "order-reconciler")
    void reconcile() {
        Instant staleBefore = Instant.now().minus(this.properties.staleAfter());
        for (Order order : this.orders.findByStatusAndUpdatedAtBeforeOrderByUpdatedAt(
                OrderStatus.PENDING, staleBefore, Limit.of(BATCH))) {
            try {
                Order resolved = this.saga.resume(order);
                if (resolved.isFinal()) {
                    log.info("Order {} reconciled from step {} to {}", order.id(), order.step(), resolved.status());
                }
            } catch (RuntimeException ex) {
                log.warn("Order {} could not be reconciled yet: {}", order.id(), ex.toString());
            } finally {
                this.context.clear();
            }
        }
    }
}
