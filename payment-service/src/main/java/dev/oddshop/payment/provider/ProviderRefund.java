package dev.oddshop.payment.provider;

/** A refund as the provider reports it; {@code status} stays the provider's string, as for charges. */
public record ProviderRefund(String id, String charge, String status, long amountCents, String currency) {

    public boolean succeeded() {
        return "succeeded".equals(this.status);
    }
}
