package dev.oddshop.provider.charge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A charge as a merchant asks for it; {@code source} is a card token. */
public record ChargeRequest(
        @NotNull @Min(1) @Max(100_000_000) Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotBlank @Size(max = 100) String source,
        @Size(max = 100) String reference) {

    /** Whether a request under the same idempotency key asks for the same charge. */
    boolean sameChargeAs(ChargeRequest other) {
        return this.amountCents.equals(other.amountCents)
                && this.currency.equals(other.currency)
                && this.source.equals(other.source);
    }
}
