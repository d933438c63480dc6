package dev.oddshop.payment;

import dev.oddshop.platform.fault.FaultPoint;

/** The fault points of payment-service: every fault it accepts names one of these. */
public final class PaymentFaultPoints {

	public static final FaultPoint CHARGE = new FaultPoint("payment.charge",
			"a charge request from order-service, before the provider is called");

	public static final FaultPoint SETTLE = new FaultPoint("payment.settle",
			"what is sent to the provider for a charge (NEVER_SETTLED, WRONG_AMOUNT)");

	public static final FaultPoint PROVIDER_CALL = new FaultPoint("provider.call",
			"payment-service's HTTP call to the provider, as the network and the provider look from here");

	public static final FaultPoint PROVIDER_RETRY = new FaultPoint("provider.retry",
			"the retry policy of the provider calls (RETRY_STORM)");

	private PaymentFaultPoints() {
	}

}
