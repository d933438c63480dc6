package dev.oddshop.provider.charge;

import java.time.Instant;

/** Money given back on a charge, in the charge's currency. */
public record Refund(
        String id, String charge, RefundStatus status, long amountCents, String currency, Instant createdAt) {}
