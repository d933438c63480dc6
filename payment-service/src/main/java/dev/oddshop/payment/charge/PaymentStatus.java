package dev.oddshop.payment.charge;

/**
 * PENDING until the provider's answer is known; the others are final. REFUNDED is reached only
 * from CAPTURED, by a refund, never by settling.
 */
public enum PaymentStatus {
    PENDING,
    CAPTURED,
    DECLINED,
    FAILED,
    REFUNDED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
