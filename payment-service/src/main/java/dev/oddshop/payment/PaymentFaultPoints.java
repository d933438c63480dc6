package dev.oddshop.payment;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoint;
import java.util.Set;

/** The fault points of payment-service: every fault it accepts names one of these. */
public final class PaymentFaultPoints {

    public static final FaultPoint CHARGE = FaultPoint.of(
            "payment.charge",
            "a charge request from order-service, before the provider is called",
            FaultPoint.REQUEST,
            FaultPoint.PROCESS);

    public static final FaultPoint SETTLE = FaultPoint.of(
            "payment.settle",
            "what is sent to the provider for a charge (NEVER_SETTLED, WRONG_AMOUNT)",
            Set.of(FaultKind.NEVER_SETTLED, FaultKind.WRONG_AMOUNT));

    public static final FaultPoint PROVIDER_CALL = FaultPoint.call(
            "provider.call",
            "payment-provider-simulator",
            "payment-service's HTTP calls to the provider, inside the observed client: the network and the provider as seen from here");

    public static final FaultPoint PROVIDER_RETRY = FaultPoint.of(
            "provider.retry", "the retry policy of the provider calls (RETRY_STORM)", Set.of(FaultKind.RETRY_STORM));

    private PaymentFaultPoints() {}
}
