package dev.oddshop.order.lifecycle;

import dev.oddshop.platform.web.CustomerId;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final OrderLookup orders;

    OrderController(OrderLookup orders) {
        this.orders = orders;
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView get(CustomerId customer, @PathVariable UUID orderId) {
        return this.orders.find(customer, orderId);
    }
}
