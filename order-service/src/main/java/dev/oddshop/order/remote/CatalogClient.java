package dev.oddshop.order.remote;

import dev.oddshop.platform.http.ServiceClients;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** Current prices from the catalog service. */
@Component
public class CatalogClient {

    private final RestClient http;

    CatalogClient(ServiceClients clients) {
        this.http = clients.client("catalog");
    }

    public record Price(long id, long priceCents, String currency) {}

    /** The product's current price, or empty when the catalogue does not have it. */
    @Retry(name = "catalog")
    @CircuitBreaker(name = "catalog")
    public Optional<Price> price(long productId) {
        try {
            return Optional.ofNullable(this.http
                    .get()
                    .uri("/api/catalog/products/{id}", productId)
                    .retrieve()
                    .body(Price.class));
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }
}
