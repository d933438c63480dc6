package dev.oddshop.payment.provider;

/** The provider's charge request; {@code source} is the card token, {@code reference} our order id. */
public record ProviderChargeRequest(long amountCents, String currency, String source, String reference) {}
