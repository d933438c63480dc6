package dev.oddshop.payment.charge;

import java.util.Locale;

import dev.oddshop.payment.provider.AttemptOutcome;
import dev.oddshop.payment.provider.ChargeCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Payments by outcome and by what the provider last answered: the silent failures (a 200 that
 * declines) and the loud ones (timeouts, errors) side by side, with bounded label values.
 */
@Component
class PaymentMetrics {

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

	/** The provider's last answer as a label value; not_sent when no attempt left the service. */
	static String providerResult(AttemptOutcome outcome) {
		return outcome == null ? "not_sent" : outcome.name().toLowerCase(Locale.ROOT);
	}

}
