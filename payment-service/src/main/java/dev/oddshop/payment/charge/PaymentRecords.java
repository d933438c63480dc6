package dev.oddshop.payment.charge;

import dev.oddshop.payment.provider.ChargeCall;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payments' short transactions. Each method is one transaction, so no transaction is ever
 * open while the provider is called.
 */
@Component
class PaymentRecords {

    private final PaymentRepository payments;

    private final PaymentAttemptRepository attempts;

    PaymentRecords(PaymentRepository payments, PaymentAttemptRepository attempts) {
        this.payments = payments;
        this.attempts = attempts;
    }

    @Transactional(readOnly = true)
    Optional<Payment> find(UUID orderId) {
        return this.payments.findByOrderId(orderId);
    }

    /** Throws DataIntegrityViolationException when the order already has a payment. */
    @Transactional
    Payment insert(Payment payment) {
        return this.payments.saveAndFlush(payment);
    }

    /**
     * Settles the payment as the provider's records have it. A settlement naming the provider's
     * charge means it was sent at least once, though the record of its attempts may be lost (the
     * service stopped, or its database refused, before the charge was settled).
     */
    @Transactional
    Payment reconciled(UUID orderId, Settlement settlement) {
        Payment payment = this.payments.lockByOrderId(orderId).orElseThrow();
        if (settlement.providerChargeId() != null) {
            payment.reachedProvider();
        }
        payment.settle(settlement);
        return payment;
    }

    /** Settles the payment after {@code call}, storing its attempts with the settlement. */
    @Transactional
    Payment settle(Payment charged, Settlement settlement, ChargeCall call) {
        Payment payment = this.payments.lockByOrderId(charged.orderId()).orElseThrow();
        payment.attempted(call.attempts());
        payment.settle(settlement);
        call.endedAttempts().forEach(attempt -> this.attempts.save(new PaymentAttempt(payment.id(), attempt)));
        return payment;
    }

    /** A refund as stored: {@code first} is false when a concurrent refund of the payment stored it before. */
    record RefundStored(Payment payment, boolean first) {}

    @Transactional
    RefundStored refunded(UUID orderId, String refundId) {
        Payment payment = this.payments.lockByOrderId(orderId).orElseThrow();
        boolean first = payment.refunded(refundId);
        return new RefundStored(payment, first);
    }
}
