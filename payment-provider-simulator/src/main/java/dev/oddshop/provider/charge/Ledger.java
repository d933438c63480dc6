package dev.oddshop.provider.charge;

/** Totals over every charge the processor has recorded, for audits such as "no double charge". */
public record Ledger(long charges, long succeeded, long succeededAmountCents) {
}
