package dev.oddshop.payment.charge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** order-service's request to charge an order; the order id is the idempotency key. */
public record ChargeRequest(
        @NotNull UUID orderId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String customerId,
        @NotNull @Min(1) @Max(100_000_000) Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotBlank @Size(max = 100) String cardToken) {}
