package dev.oddshop.provider.charge;

import java.time.Instant;

/** A charge as the processor reports it; {@code declineCode} is null unless declined. */
public record Charge(
        String id, ChargeStatus status, long amountCents, String currency, String declineCode, Instant createdAt) {

    Charge settled(ChargeStatus status, String declineCode) {
        return new Charge(this.id, status, this.amountCents, this.currency, declineCode, this.createdAt);
    }
}
