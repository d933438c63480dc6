package dev.oddshop.order.lifecycle;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order and the state of its checkout saga. Every transition starts from PENDING, so a
 * final order never changes again, whoever (request or reconciler) gets there second.
 */
@Entity
@Table(name = "orders")
public class Order {

    private static final int MAX_REASON = 300;

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "cart_id")
    private UUID cartId;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    private CheckoutStep step;

    @Column(name = "total_cents")
    private long totalCents;

    private String currency;

    @Column(name = "failure_reason")
    private String failureReason;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_cause")
    private FailureCause failureCause;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    private List<OrderItem> items = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @JoinColumn(name = "order_id", nullable = false)
    @OrderBy("id")
    private List<OrderStatusChange> history = new ArrayList<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Order() {}

    public Order(String customerId, UUID cartId, String idempotencyKey, List<OrderItem> items, String currency) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.cartId = cartId;
        this.idempotencyKey = idempotencyKey;
        this.items = new ArrayList<>(items);
        this.currency = currency;
        this.totalCents = items.stream().mapToLong(OrderItem::totalCents).sum();
        this.createdAt = Instant.now();
        this.status = OrderStatus.PENDING;
        record(CheckoutStep.STARTED, null);
    }

    public void stockReserved() {
        moveTo(OrderStatus.PENDING, CheckoutStep.STOCK_RESERVED, null);
    }

    public void paymentUnknown(String reason) {
        moveTo(OrderStatus.PENDING, CheckoutStep.PAYMENT_UNKNOWN, reason);
    }

    public void paymentCaptured() {
        moveTo(OrderStatus.PENDING, CheckoutStep.PAYMENT_CAPTURED, null);
    }

    public void refundDue(String reason) {
        moveTo(OrderStatus.PENDING, CheckoutStep.REFUND_DUE, reason);
    }

    public void confirm() {
        moveTo(OrderStatus.CONFIRMED, CheckoutStep.DONE, null);
    }

    /** Fails the order; the reason is shown to the customer, so it never carries internal detail. */
    public void fail(FailureCause cause, String reason) {
        String shortened = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        moveTo(OrderStatus.FAILED, CheckoutStep.DONE, shortened);
        this.failureReason = shortened;
        this.failureCause = cause;
    }

    private void moveTo(OrderStatus status, CheckoutStep step, String reason) {
        if (this.status != OrderStatus.PENDING) {
            throw new IllegalStateException("Order " + this.id + " is already " + this.status);
        }
        this.status = status;
        record(step, reason);
    }

    private void record(CheckoutStep step, String reason) {
        this.step = step;
        this.updatedAt = Instant.now();
        this.history.add(new OrderStatusChange(this.status, step, reason, this.updatedAt));
    }

    public boolean isFinal() {
        return this.status != OrderStatus.PENDING;
    }

    public UUID id() {
        return this.id;
    }

    public String customerId() {
        return this.customerId;
    }

    public UUID cartId() {
        return this.cartId;
    }

    public OrderStatus status() {
        return this.status;
    }

    public CheckoutStep step() {
        return this.step;
    }

    public long totalCents() {
        return this.totalCents;
    }

    public String currency() {
        return this.currency;
    }

    public String failureReason() {
        return this.failureReason;
    }

    /** Null unless the order failed. */
    public FailureCause failureCause() {
        return this.failureCause;
    }

    public List<OrderItem> items() {
        return List.copyOf(this.items);
    }

    public List<OrderStatusChange> history() {
        return List.copyOf(this.history);
    }

    public Instant createdAt() {
        return this.createdAt;
    }
}
