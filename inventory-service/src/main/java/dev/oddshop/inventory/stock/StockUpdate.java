package dev.oddshop.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** An admin's new available quantity; boxed so a missing field is a 400, not a silent 0. */
public record StockUpdate(@NotNull @Min(0) @Max(1_000_000) Integer available) {}
