package dev.oddshop.payment.charge;

import dev.oddshop.payment.PaymentAttributes;
import dev.oddshop.payment.provider.ProviderCharges;
import dev.oddshop.payment.provider.ProviderClient;
import dev.oddshop.payment.provider.ProviderRefund;
import dev.oddshop.payment.provider.ProviderRefundRequest;
import dev.oddshop.platform.telemetry.BusinessContext;
import dev.oddshop.platform.web.ApiException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Gives a captured payment back, whole, at most once. The provider's idempotency key is the
 * order's ({@code refund-<orderId>}), so a retry, a replay or a crash between the provider's
 * answer and our write never refunds twice. Like a charge, no transaction is open while the
 * provider is called; the payment stays CAPTURED until the provider has refunded it.
 */
@Service
class PaymentRefunds {

    private static final Logger log = LoggerFactory.getLogger(PaymentRefunds.class);

    private final PaymentRecords records;

    private final PaymentReconciler reconciler;

    private final ProviderCharges provider;

    private final PaymentMetrics metrics;

    private final ObservationRegistry observations;

    private final BusinessContext context;

    PaymentRefunds(
            PaymentRecords records,
            PaymentReconciler reconciler,
            ProviderCharges provider,
            PaymentMetrics metrics,
            ObservationRegistry observations,
            BusinessContext context) {
        this.records = records;
        this.reconciler = reconciler;
        this.provider = provider;
        this.metrics = metrics;
        this.observations = observations;
        this.context = context;
    }

    PaymentView refund(UUID orderId) {
        // reconciled first: a PENDING payment may turn out captured, and then it is refundable
        Payment payment = this.records
                .find(orderId)
                .map(this.reconciler::reconcile)
                .orElseThrow(() -> ApiException.notFound("Payment of order", orderId));
        if (payment.status() == PaymentStatus.REFUNDED) {
            return payment.view();
        }
        if (payment.status() != PaymentStatus.CAPTURED) {
            throw ApiException.conflict(
                    "payment-not-refundable",
                    "The payment of order " + orderId + " is " + payment.status()
                            + ", not CAPTURED: nothing was taken, so there is nothing to give back");
        }
        this.context.put(PaymentAttributes.ORDER_ID, orderId);
        this.context.put(PaymentAttributes.PAYMENT_ID, payment.id());
        Observation observation = Observation.createNotStarted("shop.payment.refund", this.observations)
                .contextualName("payment refund")
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            ProviderRefund refund;
            try {
                // the amount is the capture's, from our row: a caller never chooses it
                refund = this.provider.refund(
                        orderId, new ProviderRefundRequest(payment.providerChargeId(), payment.amountCents()));
            } catch (RuntimeException ex) {
                throw failed(orderId, ex, observation);
            }
            if (!refund.succeeded()) {
                throw failed(
                        orderId,
                        new RefundNotMadeException("provider refund " + refund.id() + " is " + refund.status()),
                        observation);
            }
            PaymentRecords.RefundStored stored = this.records.refunded(orderId, refund.id());
            observation.lowCardinalityKeyValue("outcome", PaymentMetrics.REFUNDED);
            this.context.put(PaymentAttributes.PAYMENT_STATUS, stored.payment().status());
            if (stored.first()) {
                log.info("Payment of order {} refunded", orderId);
                this.metrics.refund(PaymentMetrics.REFUNDED);
            }
            return stored.payment().view();
        } finally {
            observation.stop();
        }
    }

    /**
     * The refund did not happen, or its answer was lost: the payment stays CAPTURED. A refusal (4xx)
     * will not pass by itself and needs a human; anything else is worth asking again later, under
     * the same key.
     */
    private ApiException failed(UUID orderId, RuntimeException failure, Observation observation) {
        boolean refused = failure instanceof HttpClientErrorException;
        String reason = refused
                ? "provider refused the refund: " + ProviderClient.describe(failure)
                : failure instanceof RefundNotMadeException ? failure.getMessage() : ProviderClient.describe(failure);
        observation.lowCardinalityKeyValue("outcome", PaymentMetrics.REFUND_FAILED);
        observation.error(failure);
        this.context.put(PaymentAttributes.PAYMENT_STATUS, PaymentStatus.CAPTURED);
        log.warn("Payment of order {} not refunded, it stays CAPTURED: {}", orderId, reason);
        this.metrics.refund(PaymentMetrics.REFUND_FAILED);
        if (refused) {
            return ApiException.conflict(
                    "refund-refused",
                    "The payment of order " + orderId + " stays CAPTURED: the " + reason + "; it needs a human");
        }
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "provider-unavailable",
                "The payment of order " + orderId + " stays CAPTURED: the provider could not refund it now (" + reason
                        + "); ask again later");
    }

    /** A provider answer that is not a completed refund. */
    static final class RefundNotMadeException extends RuntimeException {

        RefundNotMadeException(String reason) {
            super(reason, null, false, false);
        }
    }
}
