package dev.oddshop.order.lifecycle;

import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's order as they may see it; another customer's order does not exist for them. */
@Service
class OrderLookup {

    private final OrderRepository orders;

    OrderLookup(OrderRepository orders) {
        this.orders = orders;
    }

    /** Read-only, and the history is read inside it (it loads lazily). */
    @Transactional(readOnly = true)
    OrderView find(CustomerId customer, UUID orderId) {
        return this.orders
                .findById(orderId)
                .filter(order -> order.customerId().equals(customer.value()))
                .map(OrderView::of)
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
    }
}
