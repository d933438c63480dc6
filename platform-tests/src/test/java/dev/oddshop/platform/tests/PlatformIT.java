package dev.oddshop.platform.tests;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.platform.tests.ShopApi.Reply;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole platform started as {@code ./shop up} starts it (embedded PostgreSQL, six JVMs),
 * used only through the gateway's public API; the databases are read directly to audit the
 * invariants: no oversold stock, no double charge, every order final.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private TestPlatform platform;

    private ShopApi api;

    @BeforeAll
    void useTheSharedPlatform(TestPlatform platform) {
        this.platform = platform;
        this.api = platform.api();
    }

    /** A whole run of shopping, refusals and a flash sale: not one secret may have reached a log. */
    @AfterAll
    void noSecretInTheLogs() throws IOException {
        this.platform.assertNoSecretsInLogs();
    }

    @Test
    void browsesTheCatalogue() {
        Reply page = this.api.get("/api/catalog/products?q=kettle&size=5");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("total").asLong()).isGreaterThan(5);
        assertThat(page.body().path("items")).hasSize(5);
        long id = page.body().path("items").get(0).path("id").asLong();
        assertThat(this.api.get("/api/catalog/products/" + id).text("name")).containsIgnoringCase("kettle");
        assertThat(this.api
                        .get("/api/inventory/stock/" + id)
                        .body()
                        .path("available")
                        .asInt())
                .isPositive();
    }

    @Test
    void checksOutWithAnApprovedCard() {
        int before = this.platform.available(101);
        String customer = "alice";
        String cart = this.platform.cartWith(customer, 101, 2);
        Reply checkout = this.platform.checkout(customer, cart, "tok_visa", null);
        assertThat(checkout.status()).isEqualTo(201);
        assertThat(checkout.text("status")).isEqualTo("CONFIRMED");
        long price = this.api
                .get("/api/catalog/products/101")
                .body()
                .path("priceCents")
                .asLong();
        assertThat(checkout.body().path("totalCents").asLong()).isEqualTo(2 * price);
        assertThat(this.platform.available(101)).isEqualTo(before - 2);
        assertThat(this.api
                        .get("/api/inventory/stock/101")
                        .body()
                        .path("reserved")
                        .asInt())
                .isZero();

        String orderId = checkout.text("orderId");
        Reply order = this.api.get("/api/orders/" + orderId, this.platform.as(customer));
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(order.body().path("history").size()).isGreaterThanOrEqualTo(3);
        Reply payment = this.api.get("/api/payments?orderId=" + orderId, this.platform.as(customer));
        assertThat(payment.text("status")).isEqualTo("CAPTURED");
        assertThat(payment.body().path("amountCents").asLong()).isEqualTo(2 * price);
        // another customer sees none of it
        assertThat(this.api
                        .get("/api/orders/" + orderId, this.platform.as("mallory"))
                        .status())
                .isEqualTo(404);
        assertThat(this.api
                        .get("/api/payments?orderId=" + orderId, this.platform.as("mallory"))
                        .status())
                .isEqualTo(404);
        assertThat(this.api
                        .get("/api/orders/carts/" + cart, this.platform.as("mallory"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDeclinedCardFailsTheOrderAndGivesTheStockBack() {
        int before = this.platform.available(102);
        String cart = this.platform.cartWith("bob", 102, 3);
        Reply checkout = this.platform.checkout("bob", cart, "tok_declined", null);
        assertThat(checkout.status()).isEqualTo(201);
        assertThat(checkout.text("status")).isEqualTo("FAILED");
        assertThat(checkout.text("failureReason")).contains("declined");
        assertThat(this.platform.available(102)).isEqualTo(before);
        assertThat(this.api
                        .get("/api/inventory/stock/102")
                        .body()
                        .path("reserved")
                        .asInt())
                .isZero();
        Reply payment = this.api.get("/api/payments?orderId=" + checkout.text("orderId"), this.platform.as("bob"));
        assertThat(payment.text("status")).isEqualTo("DECLINED");
        // the cart is open again: the customer can pay with another card
        Reply retry = this.platform.checkout("bob", cart, "tok_mastercard", null);
        assertThat(retry.text("status")).isEqualTo("CONFIRMED");
        assertThat(this.platform.available(102)).isEqualTo(before - 3);
    }

    @Test
    void theSameIdempotencyKeyGivesOneOrderAndOnePayment() throws SQLException {
        String cart = this.platform.cartWith("carol", 103, 1);
        String key = UUID.randomUUID().toString();
        Reply first = this.platform.checkout("carol", cart, "tok_visa", key);
        Reply second = this.platform.checkout("carol", cart, "tok_visa", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("orderId")).isEqualTo(first.text("orderId"));
        assertThat(second.text("status")).isEqualTo("CONFIRMED");
        assertThat(this.platform.count("orders", "select count(*) from orders where idempotency_key = '" + key + "'"))
                .isEqualTo(1);
        assertThat(this.platform.count(
                        "payments", "select count(*) from payment where order_id = '" + first.text("orderId") + "'"))
                .isEqualTo(1);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() throws SQLException {
        String cart = this.platform.cartWith("dave", 104, 1);
        long orders = this.platform.count("orders", "select count(*) from orders");
        long items = this.platform.count("orders", "select count(*) from cart_item");
        String[] c = this.platform.as("dave");
        List<Reply> replies = List.of(
                this.api.post("/api/orders/carts/" + cart + "/items", "{not json", c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", "abc", "quantity", 1), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", -1), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 0), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 101), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 99999999999L), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 999999, "quantity", 1), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("quantity", 1), c),
                this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 1)),
                this.api.post(
                        "/api/orders/carts/" + UUID.randomUUID() + "/items", map("productId", 5, "quantity", 1), c),
                this.api.post("/api/orders/carts/not-a-uuid/items", map("productId", 5, "quantity", 1), c),
                this.api.post("/api/orders/carts/" + cart + "/checkout", "", c),
                this.api.post(
                        "/api/orders/carts/" + cart + "/checkout",
                        map("paymentMethod", map("type", "paypal", "token", "x")),
                        c),
                this.api.post("/api/orders/carts/" + cart + "/checkout", map("paymentMethod", map("type", "card")), c),
                this.api.post(
                        "/api/orders/carts/" + cart + "/checkout",
                        map("paymentMethod", map("type", "card", "token", "tok_visa")),
                        ShopApi.with(c, "Idempotency-Key", "x".repeat(101))),
                this.api.get("/api/catalog/products?size=1000"),
                this.api.get("/api/catalog/products?page=-3"),
                this.api.get("/api/catalog/products/999999"),
                this.api.get("/api/orders/" + UUID.randomUUID(), c),
                this.api.get("/api/payments?orderId=nope", c),
                this.api.get("/api/payments", c),
                this.api.get("/api/inventory/stock/abc"),
                this.api.put("/api/inventory/stock/104", map("available", 5)),
                this.api.get("/api/no-such-route"));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.raw()).isBetween(400, 499);
            assertThat(reply.contentType()).as(reply.raw()).startsWith("application/problem+json");
            assertThat(reply.body().path("status").asInt()).isEqualTo(reply.status());
        });
        assertThat(this.platform.count("orders", "select count(*) from orders")).isEqualTo(orders);
        assertThat(this.platform.count("orders", "select count(*) from cart_item"))
                .isEqualTo(items);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aFlashSaleNeverOversells() throws Exception {
        int product = 105;
        this.platform.setAvailable(product, 30);
        int buyers = 100;
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            carts.add(this.platform.cartWith("buyer-" + i, product, 1));
        }
        List<Callable<Reply>> checkouts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String customer = "buyer-" + i;
            String cart = carts.get(i);
            checkouts.add(() -> this.platform.checkoutLikeAClient(customer, cart));
        }
        List<Reply> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(buyers)) {
            for (Future<Reply> reply : pool.invokeAll(checkouts)) {
                replies.add(reply.get());
            }
        }
        assertThat(replies)
                .as("every buyer gets an order or a sold-out problem, never an error")
                .allSatisfy(r -> assertThat(r.status() == 201
                                || r.status() == 200
                                || r.status() == 409 && r.text("type").endsWith("/insufficient-stock"))
                        .as(r.raw())
                        .isTrue());
        // PENDING answers (an outcome that took too long) are resolved by the reconciler
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(this.platform.count(
                                "orders",
                                "select count(*) from orders o join order_item i "
                                        + "on i.order_id = o.id where i.product_id = " + product
                                        + " and o.status = 'PENDING'"))
                        .isZero());
        assertThat(this.platform.count(
                        "orders",
                        "select count(*) from orders o join order_item i on i.order_id = o.id "
                                + "where i.product_id = " + product + " and o.status = 'CONFIRMED'"))
                .isEqualTo(30);
        Reply stock = this.api.get("/api/inventory/stock/" + product);
        assertThat(stock.body().path("available").asInt()).isZero();
        assertThat(stock.body().path("reserved").asInt()).isZero();
        assertThat(this.platform.assertInvariants().capturesNeverSent()).isZero();
    }
}
