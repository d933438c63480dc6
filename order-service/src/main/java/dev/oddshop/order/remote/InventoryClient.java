package dev.oddshop.order.remote;

import dev.oddshop.platform.http.ServiceClients;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Stock reservations, keyed by order id: every command is idempotent, so retries are safe.
 */
@Component
public class InventoryClient {

    private final RestClient http;

    InventoryClient(ServiceClients clients) {
        this.http = clients.client("inventory");
    }

    public record Line(long productId, int quantity) {}

    record ReserveRequest(List<Line> items) {}

    /** Why inventory refused a reservation: stock is short, or the reservation was already closed. */
    public record Refusal(String detail) {}

    @Retry(name = "inventory")
    @CircuitBreaker(name = "inventory")
    @Bulkhead(name = "inventory")
    /** Empty when the stock is reserved; the refusal when inventory says no (a business answer, not a failure). */
    public Optional<Refusal> reserve(UUID orderId, List<Line> lines) {
        try {
            this.http
                    .put()
                    .uri("/internal/reservations/{orderId}", orderId)
                    .body(new ReserveRequest(lines))
                    .retrieve()
                    .toBodilessEntity();
            return Optional.empty();
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.CONFLICT || ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
                return Optional.of(new Refusal(problem == null ? ex.getStatusText() : problem.getDetail()));
            }
            throw ex;
        }
    }

    @Retry(name = "inventory")
    @CircuitBreaker(name = "inventory")
    @Bulkhead(name = "inventory")
    /** False when inventory refuses: the reservation expired and its stock is gone. */
    public boolean commit(UUID orderId) {
        try {
            this.http
                    .post()
                    .uri("/internal/reservations/{orderId}/commit", orderId)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.CONFLICT) {
                return false;
            }
            throw ex;
        }
    }

    @Retry(name = "inventory")
    @CircuitBreaker(name = "inventory")
    @Bulkhead(name = "inventory")
    public void release(UUID orderId) {
        this.http
                .post()
                .uri("/internal/reservations/{orderId}/release", orderId)
                .retrieve()
                .toBodilessEntity();
    }
}
