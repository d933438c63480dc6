package dev.oddshop.payment.provider;

import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.oddshop.platform.telemetry.BusinessAttribute;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/** Logs every retry of a provider call at WARN: retries are the first sign of a sick provider. */
@Component
class RetryLogging {

	private static final Logger log = LoggerFactory.getLogger(RetryLogging.class);

	RetryLogging(RetryRegistry retries) {
		retries.retry("provider")
			.getEventPublisher()
			.onRetry(event -> log.warn("Provider call for order {} failed on attempt {}; retrying in {} ms: {}",
					MDC.get(BusinessAttribute.ORDER_ID.logField()), event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis(),
					event.getLastThrowable() == null ? "?" : ProviderClient.describe(event.getLastThrowable())));
	}

}
