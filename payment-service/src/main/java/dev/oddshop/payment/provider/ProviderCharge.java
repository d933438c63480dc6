package dev.oddshop.payment.provider;

/**
 * A charge as the provider reports it. {@code status} stays a string: the provider's
 * vocabulary (processing, succeeded, declined) is theirs to extend.
 */
public record ProviderCharge(String id, String status, long amountCents, String currency, String declineCode) {

    public boolean succeeded() {
        return "succeeded".equals(this.status);
    }

    public boolean declined() {
        return "declined".equals(this.status);
    }
}
