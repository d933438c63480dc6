package dev.oddshop.provider.charge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A refund as a merchant asks for it: how much of which charge, in minor units. */
public record RefundRequest(
        @NotBlank @Size(max = 100) String charge,
        @NotNull @Min(1) @Max(100_000_000) Long amountCents) {}
