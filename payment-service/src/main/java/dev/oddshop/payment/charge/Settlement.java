package dev.oddshop.payment.charge;

/** What we learnt about a payment from the provider: the status to move to and why. */
record Settlement(PaymentStatus status, String providerChargeId, String declineCode, String failureReason) {

    static Settlement captured(String chargeId) {
        return new Settlement(PaymentStatus.CAPTURED, chargeId, null, null);
    }

    static Settlement declined(String chargeId, String declineCode) {
        return new Settlement(PaymentStatus.DECLINED, chargeId, declineCode, null);
    }

    static Settlement failed(String reason) {
        return new Settlement(PaymentStatus.FAILED, null, null, reason);
    }

    static Settlement pending(String reason) {
        return new Settlement(PaymentStatus.PENDING, null, null, reason);
    }
}
