package dev.oddshop.payment.provider;

/** The provider's refund request: how much of which charge, in minor units. */
public record ProviderRefundRequest(String charge, long amountCents) {}
