package dev.oddshop.payment.charge;

import java.util.UUID;

/** A payment as the APIs show it; money in minor units (null only for a payment cancelled before any charge). */
public record PaymentView(
        UUID paymentId,
        UUID orderId,
        PaymentStatus status,
        Long amountCents,
        String currency,
        int attempts,
        String declineCode,
        String failureReason) {}
