package dev.oddshop.payment.charge;

import dev.oddshop.payment.PaymentAttributes;
import dev.oddshop.payment.PaymentFaultPoints;
import dev.oddshop.payment.provider.AttemptOutcome;
import dev.oddshop.payment.provider.ChargeCall;
import dev.oddshop.payment.provider.ProviderCharge;
import dev.oddshop.payment.provider.ProviderChargeRequest;
import dev.oddshop.payment.provider.ProviderCharges;
import dev.oddshop.payment.provider.ProviderClient;
import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.telemetry.BusinessContext;
import dev.oddshop.platform.web.ApiException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Charges each order at most once. The payment row is written before the provider is called
 * and settled after, each in its own short transaction; an unknown outcome stays PENDING and is
 * reconciled by lookup.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    /** Where the silent-failure faults (NEVER_SETTLED, WRONG_AMOUNT) strike. */
    private final PaymentRecords records;

    private final PaymentReconciler reconciler;

    private final ProviderCharges provider;

    private final FaultPoints faults;

    private final PaymentMetrics metrics;

    private final ObservationRegistry observations;

    private final BusinessContext context;

    PaymentService(
            PaymentRecords records,
            PaymentReconciler reconciler,
            ProviderCharges provider,
            FaultPoints faults,
            PaymentMetrics metrics,
            ObservationRegistry observations,
            BusinessContext context) {
        this.records = records;
        this.reconciler = reconciler;
        this.provider = provider;
        this.faults = faults;
        this.metrics = metrics;
        this.observations = observations;
        this.context = context;
    }

    public PaymentView charge(ChargeRequest request) {
        Optional<Payment> existing = this.records.find(request.orderId());
        if (existing.isPresent()) {
            return this.reconciler.reconcile(existing.get()).view();
        }
        Payment payment;
        try {
            payment = this.records.insert(Payment.pending(request));
        } catch (DataIntegrityViolationException duplicate) {
            // a concurrent request for the same order won: answer with its payment, never charge twice
            return this.reconciler
                    .reconcile(this.records.find(request.orderId()).orElseThrow())
                    .view();
        }
        return chargeProvider(payment, request).view();
    }

    public Optional<PaymentView> find(UUID orderId) {
        return this.records.find(orderId).map(this.reconciler::reconcile).map(Payment::view);
    }

    /** The customer's payment of the order; another customer's looks like none. */
    public Optional<PaymentView> find(UUID orderId, String customerId) {
        return this.records
                .find(orderId)
                .filter(payment -> payment.belongsTo(customerId))
                .map(this.reconciler::reconcile)
                .map(Payment::view);
    }

    /**
     * Makes sure the order is never charged from now on: stores a FAILED tombstone when no charge
     * was asked for yet; a PENDING payment whose outcome is still unknown is a 409.
     */
    public PaymentView cancel(UUID orderId) {
        Optional<Payment> existing = this.records.find(orderId);
        if (existing.isEmpty()) {
            try {
                Payment tombstone = this.records.insert(Payment.tombstone(orderId));
                log.info("Payment of order {} cancelled before any charge", orderId);
                return tombstone.view();
            } catch (DataIntegrityViolationException raced) {
                existing = this.records.find(orderId);
            }
        }
        Payment payment = this.reconciler.reconcile(existing.orElseThrow());
        if (!payment.status().isFinal()) {
            throw ApiException.conflict(
                    "payment-pending",
                    "The payment of order " + orderId + " is still pending at the provider; ask again later");
        }
        return payment.view();
    }

    private Payment chargeProvider(Payment payment, ChargeRequest request) {
        // the silent failures are bugs of ours: a wrong amount sent, or a capture never sent at all
        long amountCents = this.faults.struck(PaymentFaultPoints.SETTLE, FaultKind.WRONG_AMOUNT)
                ? Math.max(1, request.amountCents() / 10)
                : request.amountCents();
        boolean neverSent = this.faults.struck(PaymentFaultPoints.SETTLE, FaultKind.NEVER_SETTLED);
        ChargeCall call = new ChargeCall(
                payment.orderId(),
                new ProviderChargeRequest(
                        amountCents,
                        request.currency(),
                        request.cardToken(),
                        request.orderId().toString()));
        this.context.put(PaymentAttributes.ORDER_ID, payment.orderId());
        this.context.put(PaymentAttributes.PAYMENT_ID, payment.id());
        Observation observation = Observation.createNotStarted("shop.payment.charge", this.observations)
                .contextualName("payment charge")
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            Settlement settlement;
            try {
                settlement = neverSent
                        ? Settlement.captured("ch_" + UUID.randomUUID())
                        : settlementOf(this.provider.charge(call));
            } catch (RuntimeException ex) {
                settlement = settlementOf(ex, call);
            }
            Payment settled = this.records.settle(payment, settlement, call);
            String providerResult = PaymentMetrics.providerResult(call.lastOutcome());
            observation.lowCardinalityKeyValue(
                    "outcome", settled.status().name().toLowerCase(Locale.ROOT));
            observation.lowCardinalityKeyValue("provider_result", providerResult);
            this.context.put(PaymentAttributes.PAYMENT_STATUS, settled.status());
            this.context.put(PaymentAttributes.PROVIDER_RESULT, providerResult);
            if (settled.status() != PaymentStatus.CAPTURED) {
                // a decline answers 200 everywhere: the error status is what makes it visible in traces
                observation.error(new PaymentNotCapturedException(settled.status() + ": "
                        + (settlement.declineCode() != null ? settlement.declineCode() : settlement.failureReason())));
            }
            if (settled.status() == PaymentStatus.FAILED || settled.status() == PaymentStatus.PENDING) {
                log.warn(
                        "Payment of order {} is {} after {} attempt(s): {}",
                        payment.orderId(),
                        settled.status(),
                        call.attempts(),
                        settlement.failureReason());
            } else {
                log.info("Payment of order {} {}", payment.orderId(), settled.status());
            }
            this.metrics.charged(settled, call);
            return settled;
        } finally {
            observation.stop();
        }
    }

    /** Marks a charge span whose payment was not captured. */
    static final class PaymentNotCapturedException extends RuntimeException {

        PaymentNotCapturedException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Settlement settlementOf(ProviderCharge charge) {
        if (charge.succeeded()) {
            return Settlement.captured(charge.id());
        }
        if (charge.declined()) {
            return Settlement.declined(charge.id(), charge.declineCode());
        }
        return Settlement.pending("provider still processing");
    }

    /**
     * A failed call: FAILED when the provider certainly did not charge, PENDING when some attempt
     * was sent but never answered (it may have charged; reconciliation will tell).
     */
    private static Settlement settlementOf(RuntimeException failure, ChargeCall call) {
        if (call.outcomeUnknown()) {
            return Settlement.pending(
                    switch (call.unknownOutcome()) {
                        case TIMEOUT -> "provider timeout";
                        case CONNECTION_LOST -> "provider connection lost";
                        default -> "provider still processing";
                    });
        }
        return Settlement.failed(
                switch (failure) {
                    case CallNotPermittedException ignored -> ProviderClient.describe(failure);
                    case BulkheadFullException ignored -> ProviderClient.describe(failure);
                    default ->
                        switch (AttemptOutcome.of(failure)) {
                            case REJECTED -> "provider refused the charge: " + ProviderClient.describe(failure);
                            case SERVER_ERROR ->
                                "provider error after " + call.attempts() + " attempt(s): "
                                        + ProviderClient.describe(failure);
                            case UNREACHABLE -> "provider unreachable after " + call.attempts() + " attempt(s)";
                            default -> "provider call failed: " + ProviderClient.describe(failure);
                        };
                });
    }
}
