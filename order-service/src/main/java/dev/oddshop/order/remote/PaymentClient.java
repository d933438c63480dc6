package dev.oddshop.order.remote;

import dev.oddshop.platform.http.ServiceClients;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Charges through the payment service. A charge is never retried here: when its outcome is
 * unknown the order stays PENDING and the reconciler asks for the status instead.
 */
@Component
public class PaymentClient {

    private final RestClient http;

    PaymentClient(ServiceClients clients) {
        this.http = clients.client("payment");
    }

    public enum Status {
        PENDING,
        CAPTURED,
        DECLINED,
        FAILED,
        REFUNDED
    }

    public record Payment(UUID orderId, Status status, String declineCode, String failureReason) {}

    record ChargeRequest(UUID orderId, String customerId, long amountCents, String currency, String cardToken) {}

    @CircuitBreaker(name = "payment")
    @Bulkhead(name = "payment")
    public Payment charge(UUID orderId, String customerId, long amountCents, String currency, String cardToken) {
        return this.http
                .post()
                .uri("/internal/payments")
                .body(new ChargeRequest(orderId, customerId, amountCents, currency, cardToken))
                .retrieve()
                .body(Payment.class);
    }

    /** The payment of the order as payment-service knows it (reconciled with the provider). */
    @Retry(name = "payment-status")
    @CircuitBreaker(name = "payment")
    public Optional<Payment> status(UUID orderId) {
        try {
            return Optional.ofNullable(this.http
                    .get()
                    .uri("/internal/payments/{orderId}", orderId)
                    .retrieve()
                    .body(Payment.class));
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /**
     * Gives the captured payment of the order back, in full; repeating it answers the same refund
     * (payment-service refunds once, under the provider's idempotency key). An error means the
     * refund is still owed: the caller asks again later.
     */
    @Retry(name = "payment-status")
    @CircuitBreaker(name = "payment")
    public Payment refund(UUID orderId) {
        return this.http
                .post()
                .uri("/internal/payments/{orderId}/refund", orderId)
                .retrieve()
                .body(Payment.class);
    }

    /**
     * Makes sure no charge happens any more for an order whose payment never arrived; answers the
     * payment as it then stands (FAILED when cancelled, or the outcome that raced the cancel).
     */
    @Retry(name = "payment-status")
    @CircuitBreaker(name = "payment")
    public Payment cancel(UUID orderId) {
        try {
            return this.http
                    .post()
                    .uri("/internal/payments/{orderId}/cancel", orderId)
                    .retrieve()
                    .body(Payment.class);
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.CONFLICT) {
                return new Payment(orderId, Status.PENDING, null, "payment outcome still unknown");
            }
            throw ex;
        }
    }
}
