package dev.oddshop.payment.charge;

import dev.oddshop.payment.provider.AttemptOutcome;
import dev.oddshop.payment.provider.ChargeCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Payments by outcome and by what the provider last answered: the silent failures (a 200 that
 * declines) and the loud ones (timeouts, errors) side by side, with bounded label values; and
 * refunds by outcome.
 */
@Component
class PaymentMetrics {

    /** The refunds' outcomes: the payment given back, or the provider refused or could not be reached. */
    static final String REFUNDED = "refunded";

    static final String REFUND_FAILED = "failed";

    private final MeterRegistry meters;

    PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void charged(Payment payment, ChargeCall call) {
        AttemptOutcome last = call.lastOutcome();
        Counter.builder("shop.payments")
                .description("Charges by payment outcome and the provider's last answer")
                .tag("outcome", payment.status().name().toLowerCase(Locale.ROOT))
                .tag("provider_result", providerResult(last))
                .register(this.meters)
                .increment();
    }

    /** A refund by its outcome, {@link #REFUNDED} or {@link #REFUND_FAILED}. */
    void refund(String outcome) {
        Counter.builder("shop.payment.refunds")
                .description("Refunds of captured payments by outcome")
                .tag("outcome", outcome)
                .register(this.meters)
                .increment();
    }

    /** The provider's last answer as a label value; not_sent when no attempt left the service. */
    static String providerResult(AttemptOutcome outcome) {
        return outcome == null ? "not_sent" : outcome.name().toLowerCase(Locale.ROOT);
    }
}
