package dev.oddshop.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import dev.oddshop.order.lifecycle.OrderView;
import dev.oddshop.platform.web.CustomerId;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the checkout tests share: the whole order-service on a real PostgreSQL, its three
 * dependencies stubbed over real HTTP ({@link StubServices}), driven through its public API as
 * the gateway calls it (the customer in {@code X-Customer-Id}). The subclasses add nothing to the
 * configuration, so they share one cached application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // a charge nobody answers is an unknown outcome after this long; the stubs answer at once otherwise
            "shop.clients.services.payment.read-timeout=3s",
            // no order goes stale by itself: a test backdates the one it wants reconciled and runs the reconciler
            "shop.orders.stale-after=1h",
            "shop.orders.reconcile-interval=1h"
        })
@AutoConfigureRestTestClient
abstract class CheckoutTestSupport {

    static final StubServices stubs = StubServices.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("orders"));
        stubs.register(registry);
    }

    /** Each test buys as a customer of its own. */
    final String customer = "buyer-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JsonMapper json;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    OrderReconciler reconciler;

    @BeforeEach
    void startFromWorkingServices() {
        stubs.reset();
        // one test's failures must not open a breaker for the next
        this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        // an order an earlier test left pending must not be reconciled under this test's stubs
        this.jdbc.update("update orders set updated_at = now() where status = 'PENDING'");
    }

    @AfterEach
    void calledOnlyEndpointsTheServicesHave() {
        assertThat(stubs.unexpected()).isEmpty();
    }

    /** A new cart of this test's customer with the product in it, priced by the catalog stub. */
    UUID cartWith(long productId, int quantity) {
        UUID cart = newCart();
        add(cart, productId, quantity);
        return cart;
    }

    UUID newCart() {
        return UUID.fromString(this.http
                .post()
                .uri("/api/orders/carts")
                .header(CustomerId.HEADER, this.customer)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("cartId")
                .asString());
    }

    void add(UUID cart, long productId, int quantity) {
        this.http
                .post()
                .uri("/api/orders/carts/{cart}/items", cart)
                .header(CustomerId.HEADER, this.customer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("productId", productId, "quantity", quantity))
                .exchange()
                .expectStatus()
                .isOk();
    }

    Reply checkout(UUID cart) {
        return checkout(cart, null);
    }

    /** The checkout as the gateway forwards it, with a card the stubs do not care about. */
    Reply checkout(UUID cart, String idempotencyKey) {
        EntityExchangeResult<String> result = this.http
                .post()
                .uri("/api/orders/carts/{cart}/checkout", cart)
                .header(CustomerId.HEADER, this.customer)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("paymentMethod", Map.of("type", "card", "token", "tok_visa")))
                .exchange()
                .returnResult(String.class);
        return new Reply(
                result.getStatus().value(), result.getResponseBody(), this.json.readTree(result.getResponseBody()));
    }

    /** The order as its customer sees it. */
    OrderView order(UUID orderId) {
        return this.json.readValue(orderBody(orderId), OrderView.class);
    }

    /** GET /api/orders/{id}, as sent. */
    String orderBody(UUID orderId) {
        return this.http
                .get()
                .uri("/api/orders/{order}", orderId)
                .header(CustomerId.HEADER, this.customer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The order's row: what the customer does not see (step, cause) included. */
    OrderRow row(UUID orderId) {
        return this.jdbc.queryForObject(
                "select status, step, failure_cause, failure_reason from orders where id = ?",
                (rs, n) -> new OrderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                orderId);
    }

    String cartStatus(UUID cart) {
        return this.jdbc.queryForObject("select status from cart where id = ?", String.class, cart);
    }

    /**
     * One round of the reconciler, as its schedule runs it, once the order has gone untouched for
     * longer than shop.orders.stale-after; answers the order as its customer then sees it.
     */
    OrderView reconcile(UUID orderId) {
        this.jdbc.update("update orders set updated_at = updated_at - interval '2 hours' where id = ?", orderId);
        this.reconciler.reconcile();
        return order(orderId);
    }

    /** shop_checkouts_total{outcome, cause} so far. */
    double checkouts(String outcome, String cause) {
        Counter counter = this.meters
                .find("shop.checkouts")
                .tag("outcome", outcome)
                .tag("cause", cause)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** A checkout's answer: its status, its body as sent and as JSON (an order, or a problem). */
    record Reply(int status, String body, JsonNode json) {

        UUID orderId() {
            return UUID.fromString(text("orderId"));
        }

        String text(String field) {
            return this.json.path(field).asString(null);
        }
    }

    record OrderRow(String status, String step, String failureCause, String failureReason) {}
}
