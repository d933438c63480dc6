package dev.oddshop.provider.charge;

import java.util.Collection;

/**
 * Totals over every charge and refund the processor has recorded, for audits such as "no double
 * charge" and "no double refund".
 */
public record Ledger(long charges, long succeeded, long succeededAmountCents, long refunds, long refundedAmountCents) {

    static Ledger of(Collection<Charge> charges, Collection<Refund> refunds) {
        long succeeded = 0;
        long succeededAmount = 0;
        for (Charge charge : charges) {
            if (charge.status() == ChargeStatus.SUCCEEDED) {
                succeeded++;
                succeededAmount += charge.amountCents();
            }
        }
        long refundedAmount = refunds.stream().mapToLong(Refund::amountCents).sum();
        return new Ledger(charges.size(), succeeded, succeededAmount, refunds.size(), refundedAmount);
    }
}
