package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.inventory.reservation.ReservationView;
import dev.oddshop.inventory.stock.StockView;
import dev.oddshop.launcher.EmbeddedPostgresServer;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * One application context for every test class (same configuration, so Spring caches it) over
 * real HTTP on a real PostgreSQL. Classes share the database, so each uses its own products.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.admin.token=" + InventoryTestSupport.ADMIN_TOKEN, "shop.inventory.sweep-interval=200ms"})
@AutoConfigureRestTestClient
public abstract class InventoryTestSupport {

    protected static final String ADMIN_TOKEN = "test-token";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("inventory"));
    }

    @Autowired
    protected RestTestClient http;

    protected StockView stock(long productId) {
        return this.http
                .get()
                .uri("/api/inventory/stock/{id}", productId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(StockView.class)
                .returnResult()
                .getResponseBody();
    }

    protected StockView setStock(long productId, int available) {
        return this.http
                .put()
                .uri("/api/inventory/stock/{id}", productId)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("available", available))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(StockView.class)
                .returnResult()
                .getResponseBody();
    }

    protected RestTestClient.ResponseSpec reserve(UUID orderId, Object body) {
        return this.http
                .put()
                .uri("/internal/reservations/{id}", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    protected RestTestClient.ResponseSpec post(UUID orderId, String action) {
        return this.http
                .post()
                .uri("/internal/reservations/{id}/{action}", orderId, action)
                .exchange();
    }

    protected ReservationView reservation(UUID orderId) {
        return this.http
                .get()
                .uri("/internal/reservations/{id}", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ReservationView.class)
                .returnResult()
                .getResponseBody();
    }

    protected static ReservationView view(RestTestClient.ResponseSpec response) {
        return response.expectBody(ReservationView.class).returnResult().getResponseBody();
    }

    protected static void assertProblem(RestTestClient.ResponseSpec response, int status, String kind) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/" + kind);
    }

    protected void assertStock(long productId, int available, int reserved) {
        assertThat(stock(productId)).isEqualTo(new StockView(productId, available, reserved));
    }
}
