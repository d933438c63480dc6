package dev.oddshop.order.lifecycle;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an order's history, for the customer and for the incident review. */
@Entity
@Table(name = "order_status_change")
public class OrderStatusChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    private CheckoutStep step;

    private String reason;

    private Instant at;

    protected OrderStatusChange() {}

    OrderStatusChange(OrderStatus status, CheckoutStep step, String reason, Instant at) {
        this.status = status;
        this.step = step;
        this.reason = reason;
        this.at = at;
    }

    public OrderStatus status() {
        return this.status;
    }

    public CheckoutStep step() {
        return this.step;
    }

    public String reason() {
        return this.reason;
    }

    public Instant at() {
        return this.at;
    }
}
