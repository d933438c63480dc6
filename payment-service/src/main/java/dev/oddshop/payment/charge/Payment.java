package dev.oddshop.payment.charge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The payment of one order. Final states never change again, but for a refund of a capture. */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    private UUID id;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "amount_cents")
    private Long amountCents;

    private String currency;

    @Enumerated(EnumType.STRING)
    private PaymentStatus status;

    @Column(name = "provider_charge_id")
    private String providerChargeId;

    @Column(name = "decline_code")
    private String declineCode;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "provider_refund_id")
    private String providerRefundId;

    @Column(name = "refunded_at")
    private Instant refundedAt;

    private int attempts;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private Long version;

    protected Payment() {}

    private Payment(
            UUID orderId,
            String customerId,
            Long amountCents,
            String currency,
            PaymentStatus status,
            String failureReason) {
        this.id = UUID.randomUUID();
        this.orderId = orderId;
        this.customerId = customerId;
        this.amountCents = amountCents;
        this.currency = currency;
        this.status = status;
        this.failureReason = failureReason;
        this.createdAt = Instant.now();
        this.updatedAt = this.createdAt;
    }

    /** A payment about to be charged: PENDING until the provider answers. */
    static Payment pending(ChargeRequest request) {
        return new Payment(
                request.orderId(),
                request.customerId(),
                request.amountCents(),
                request.currency(),
                PaymentStatus.PENDING,
                null);
    }

    /** Marks an order whose payment was cancelled before any charge, so a late charge request is refused. */
    static Payment tombstone(UUID orderId) {
        return new Payment(orderId, null, null, null, PaymentStatus.FAILED, "cancelled before charge");
    }

    /** Applies what the provider told us, unless the payment is already final. */
    void settle(Settlement settlement) {
        if (this.status.isFinal()) {
            return;
        }
        this.status = settlement.status();
        this.providerChargeId = settlement.providerChargeId();
        this.declineCode = settlement.declineCode();
        this.failureReason = settlement.failureReason();
        this.updatedAt = Instant.now();
    }

    /**
     * Records the provider's refund of the whole capture: CAPTURED becomes REFUNDED. False when the
     * payment was refunded already (a concurrent refund stored it first); any other status throws,
     * since nothing was taken.
     */
    boolean refunded(String refundId) {
        if (this.status == PaymentStatus.REFUNDED) {
            return false;
        }
        if (this.status != PaymentStatus.CAPTURED) {
            throw new IllegalStateException("Payment of order " + this.orderId + " is " + this.status
                    + "; only a captured payment can be refunded");
        }
        this.status = PaymentStatus.REFUNDED;
        this.providerRefundId = refundId;
        this.refundedAt = Instant.now();
        this.updatedAt = this.refundedAt;
        return true;
    }

    void attempted(int count) {
        this.attempts = count;
    }

    /** The provider holds a charge of this payment: at least one attempt reached it. */
    void reachedProvider() {
        this.attempts = Math.max(this.attempts, 1);
    }

    public UUID id() {
        return this.id;
    }

    public UUID orderId() {
        return this.orderId;
    }

    public PaymentStatus status() {
        return this.status;
    }

    Long amountCents() {
        return this.amountCents;
    }

    String providerChargeId() {
        return this.providerChargeId;
    }

    public Instant updatedAt() {
        return this.updatedAt;
    }

    boolean belongsTo(String customer) {
        return customer.equals(this.customerId);
    }

    public PaymentView view() {
        return new PaymentView(
                this.id,
                this.orderId,
                this.status,
                this.amountCents,
                this.currency == null ? null : this.currency.strip(),
                this.attempts,
                this.declineCode,
                this.failureReason);
    }
}
