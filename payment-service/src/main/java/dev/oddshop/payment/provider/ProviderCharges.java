package dev.oddshop.payment.provider;

import dev.oddshop.payment.PaymentFaultPoints;
import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoints;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A charge or a refund with its retries: Resilience4j's "provider" retry (backoff with jitter), or,
 * while a RETRY_STORM fault is on, "provider-storm" (many attempts, no backoff), as a careless
 * configuration change would have it. Both are configuration (application.yml).
 */
@Component
public class ProviderCharges {

    private final ProviderClient client;

    private final Retry retry;

    private final Retry storm;

    private final FaultPoints faults;

    ProviderCharges(ProviderClient client, RetryRegistry retries, FaultPoints faults) {
        this.client = client;
        this.retry = retries.retry("provider");
        this.storm = retries.retry("provider-storm");
        this.faults = faults;
    }

    public ProviderCharge charge(ChargeCall call) {
        return retries().executeSupplier(() -> this.client.charge(call));
    }

    /** Safe to retry like a charge: every attempt carries the order's refund key. */
    public ProviderRefund refund(UUID orderId, ProviderRefundRequest request) {
        return retries().executeSupplier(() -> this.client.refund(orderId, request));
    }

    private Retry retries() {
        return this.faults.struck(PaymentFaultPoints.PROVIDER_RETRY, FaultKind.RETRY_STORM) ? this.storm : this.retry;
    }
}
