package dev.oddshop.order.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order with its items and history, as GET /api/orders/{id} shows it. */
public record OrderView(
        UUID orderId,
        OrderStatus status,
        long totalCents,
        String currency,
        String failureReason,
        List<OrderItem> items,
        List<Change> history,
        Instant createdAt) {

    public record Change(OrderStatus status, CheckoutStep step, String reason, Instant at) {}

    public static OrderView of(Order order) {
        return new OrderView(
                order.id(),
                order.status(),
                order.totalCents(),
                order.currency(),
                order.failureReason(),
                order.items(),
                order.history().stream()
                        .map(c -> new Change(c.status(), c.step(), c.reason(), c.at()))
                        .toList(),
                order.createdAt());
    }
}
