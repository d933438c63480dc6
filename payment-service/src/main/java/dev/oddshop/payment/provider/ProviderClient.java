package dev.oddshop.payment.provider;

import dev.oddshop.payment.PaymentFaultPoints;
import dev.oddshop.platform.http.ServiceClients;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The external payment provider. Circuit breaker and bulkhead are Resilience4j configuration
 * named "provider" (application.yml); {@link ProviderCharges} retries, which is safe because
 * every attempt sends an idempotency key made of the order id.
 */
@Component
public class ProviderClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Its calls are the fault point provider.call: the network and the provider as seen from here. */
    private final RestClient http;

    ProviderClient(ServiceClients clients) {
        this.http = clients.client("provider", PaymentFaultPoints.PROVIDER_CALL);
    }

    /** One attempt; the retry calls it again for I/O errors, timeouts and 5xx. */
    @CircuitBreaker(name = "provider")
    @Bulkhead(name = "provider")
    public ProviderCharge charge(ChargeCall call) {
        int number = call.begin();
        long start = System.nanoTime();
        try {
            ProviderCharge charge = this.http
                    .post()
                    .uri("/v1/charges")
                    .header(IDEMPOTENCY_KEY, call.orderId().toString())
                    .body(call.request())
                    .retrieve()
                    .body(ProviderCharge.class);
            call.ended(new ChargeCall.Attempt(number, AttemptOutcome.of(charge), 200, null, since(start)));
            return charge;
        } catch (RestClientException ex) {
            Integer status = ex instanceof RestClientResponseException response
                    ? response.getStatusCode().value()
                    : null;
            call.ended(new ChargeCall.Attempt(number, AttemptOutcome.of(ex), status, describe(ex), since(start)));
            throw ex;
        }
    }

    /**
     * Refunds part or all of the order's charge under the key {@code refund-<orderId>}: the provider
     * answers a retry, a replay or a second refund request with that same refund, so the order is
     * refunded at most once. The charges' breaker and bulkhead: it is the same provider.
     */
    @CircuitBreaker(name = "provider")
    @Bulkhead(name = "provider")
    public ProviderRefund refund(UUID orderId, ProviderRefundRequest request) {
        return this.http
                .post()
                .uri("/v1/refunds")
                .header(IDEMPOTENCY_KEY, "refund-" + orderId)
                .body(request)
                .retrieve()
                .body(ProviderRefund.class);
    }

    /**
     * The charge made under the order's idempotency key, if the provider has one. Never charges.
     * Its own breaker: look-ups must not mask (or be blocked by) the charges' failure rate.
     */
    @CircuitBreaker(name = "provider-lookup")
    public Optional<ProviderCharge> lookup(UUID orderId) {
        try {
            return Optional.ofNullable(this.http
                    .get()
                    .uri("/v1/charges?idempotencyKey={key}", orderId)
                    .retrieve()
                    .body(ProviderCharge.class));
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /**
     * A short, log- and column-friendly description of a failure: an HTTP error is its status and
     * problem kind (never the provider's whole body, which may reach customers as a failure reason).
     */
    public static String describe(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "provider circuit breaker open";
        }
        if (failure instanceof BulkheadFullException) {
            return "too many concurrent provider calls";
        }
        if (failure instanceof RestClientResponseException response) {
            return "HTTP " + response.getStatusCode().value() + problemKind(response);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure == root ? failure.toString() : failure.getClass().getSimpleName() + ": " + root;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String problemKind(RestClientResponseException response) {
        try {
            ProblemDetail problem = response.getResponseBodyAs(ProblemDetail.class);
            String type = problem == null || problem.getType() == null
                    ? ""
                    : problem.getType().getPath();
            return type == null || type.isEmpty() ? "" : " " + type.substring(type.lastIndexOf('/') + 1);
        } catch (RuntimeException notAProblem) {
            return "";
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
