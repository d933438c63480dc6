package dev.oddshop.payment.charge;

import dev.oddshop.payment.provider.ProviderCharge;
import dev.oddshop.payment.provider.ProviderClient;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves a PENDING payment by asking the provider what became of the charge under the order's
 * idempotency key. Never charges: an unknown outcome is looked up, not retried blindly.
 */
@Component
class PaymentReconciler {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

    static final String NO_RECORD = "provider has no record of the charge";

    private final ProviderClient provider;

    private final PaymentRecords records;

    private final PaymentProperties properties;

    PaymentReconciler(ProviderClient provider, PaymentRecords records, PaymentProperties properties) {
        this.provider = provider;
        this.records = records;
        this.properties = properties;
    }

    /** The payment as it stands after asking the provider; final payments are returned as they are. */
    Payment reconcile(Payment payment) {
        if (payment.status().isFinal()) {
            return payment;
        }
        Optional<ProviderCharge> charge;
        try {
            charge = this.provider.lookup(payment.orderId());
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not reconcile payment of order {}; it stays PENDING: {}",
                    payment.orderId(),
                    ProviderClient.describe(ex));
            return payment;
        }
        Optional<Settlement> settlement = charge.map(this::settlementOf).orElseGet(() -> missing(payment));
        if (settlement.isEmpty()) {
            return payment;
        }
        Payment settled = this.records.reconciled(payment.orderId(), settlement.get());
        log.info("Reconciled payment of order {}: {}", payment.orderId(), settled.status());
        return settled;
    }

    private Optional<Settlement> settlementOf(ProviderCharge charge) {
        if (charge.succeeded()) {
            return Optional.of(Settlement.captured(charge.id()));
        }
        if (charge.declined()) {
            return Optional.of(Settlement.declined(charge.id(), charge.declineCode()));
        }
        return Optional.empty();
    }

    /** No charge at the provider: FAILED once the charge can no longer be on its way. */
    private Optional<Settlement> missing(Payment payment) {
        Instant deadline = payment.updatedAt().plus(this.properties.reconcileGrace());
        return Instant.now().isAfter(deadline) ? Optional.of(Settlement.failed(NO_RECORD)) : Optional.empty();
    }
}
