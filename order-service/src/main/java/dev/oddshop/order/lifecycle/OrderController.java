package dev.oddshop.order.lifecycle;

import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "orders", description = "The customer's orders")
@RestController
class OrderController {

    private final OrderLookup orders;

    OrderController(OrderLookup orders) {
        this.orders = orders;
    }

    @Operation(summary = "Read an order", description = "The order with its items and its status history")
    @GetMapping("/api/orders/{orderId}")
    OrderView get(CustomerId customer, @PathVariable UUID orderId) {
        return this.orders.find(customer, orderId);
    }
}
