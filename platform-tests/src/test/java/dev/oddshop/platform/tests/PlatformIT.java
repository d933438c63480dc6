package dev.oddshop.platform.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.PlatformConfig;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.ShopApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform started as {@code ./shop up} starts it (embedded PostgreSQL, six JVMs),
 * used only through the gateway's public API; the databases are read directly to audit the
 * invariants: no oversold stock, no double charge, every order final.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformIT {

	private static final String ADMIN_TOKEN = "platform-test-admin-token";

	private Platform platform;

	private ShopApi api;

	@BeforeAll
	void startPlatform() {
		Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
		int gatewayPort = freePortRange(6);
		this.platform = Platform.start(new PlatformConfig(root, root.resolve("platform-tests/target/platform-run"),
				gatewayPort, freePortRange(1), true, ADMIN_TOKEN,
				Map.of("SIMULATOR_LATENCY_MEAN", "20ms", "SIMULATOR_LATENCY_JITTER", "20ms"), Duration.ofMinutes(4)));
		this.api = new ShopApi(this.platform.config().url(ShopService.GATEWAY));
	}

	@AfterAll
	void stopPlatform() {
		if (this.platform != null) {
			this.platform.close();
		}
	}

	@Test
	void browsesTheCatalogue() {
		Reply page = this.api.get("/api/catalog/products?q=kettle&size=5");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body().path("total").asLong()).isGreaterThan(5);
		assertThat(page.body().path("items")).hasSize(5);
		long id = page.body().path("items").get(0).path("id").asLong();
		assertThat(this.api.get("/api/catalog/products/" + id).text("name")).containsIgnoringCase("kettle");
		assertThat(this.api.get("/api/inventory/stock/" + id).body().path("available").asInt()).isPositive();
	}

	@Test
	void checksOutWithAnApprovedCard() {
		int before = available(101);
		String customer = "alice";
		String cart = cartWith(customer, 101, 2);
		Reply checkout = checkout(customer, cart, "tok_visa", null);
		assertThat(checkout.status()).isEqualTo(201);
		assertThat(checkout.text("status")).isEqualTo("CONFIRMED");
		long price = this.api.get("/api/catalog/products/101").body().path("priceCents").asLong();
		assertThat(checkout.body().path("totalCents").asLong()).isEqualTo(2 * price);
		assertThat(available(101)).isEqualTo(before - 2);
		assertThat(this.api.get("/api/inventory/stock/101").body().path("reserved").asInt()).isZero();

		String orderId = checkout.text("orderId");
		Reply order = this.api.get("/api/orders/" + orderId, "X-Customer-Id", customer);
		assertThat(order.text("status")).isEqualTo("CONFIRMED");
		assertThat(order.body().path("history").size()).isGreaterThanOrEqualTo(3);
		Reply payment = this.api.get("/api/payments?orderId=" + orderId, "X-Customer-Id", customer);
		assertThat(payment.text("status")).isEqualTo("CAPTURED");
		assertThat(payment.body().path("amountCents").asLong()).isEqualTo(2 * price);
		// another customer sees none of it
		assertThat(this.api.get("/api/orders/" + orderId, "X-Customer-Id", "mallory").status()).isEqualTo(404);
		assertThat(this.api.get("/api/payments?orderId=" + orderId, "X-Customer-Id", "mallory").status()).isEqualTo(404);
		assertThat(this.api.get("/api/orders/carts/" + cart, "X-Customer-Id", "mallory").status()).isEqualTo(404);
	}

	@Test
	void aDeclinedCardFailsTheOrderAndGivesTheStockBack() {
		int before = available(102);
		String cart = cartWith("bob", 102, 3);
		Reply checkout = checkout("bob", cart, "tok_declined", null);
		assertThat(checkout.status()).isEqualTo(201);
		assertThat(checkout.text("status")).isEqualTo("FAILED");
		assertThat(checkout.text("failureReason")).contains("declined");
		assertThat(available(102)).isEqualTo(before);
		assertThat(this.api.get("/api/inventory/stock/102").body().path("reserved").asInt()).isZero();
		Reply payment = this.api.get("/api/payments?orderId=" + checkout.text("orderId"), "X-Customer-Id", "bob");
		assertThat(payment.text("status")).isEqualTo("DECLINED");
		// the cart is open again: the customer can pay with another card
		Reply retry = checkout("bob", cart, "tok_mastercard", null);
		assertThat(retry.text("status")).isEqualTo("CONFIRMED");
		assertThat(available(102)).isEqualTo(before - 3);
	}

	@Test
	void theSameIdempotencyKeyGivesOneOrderAndOnePayment() throws SQLException {
		String cart = cartWith("carol", 103, 1);
		String key = UUID.randomUUID().toString();
		Reply first = checkout("carol", cart, "tok_visa", key);
		Reply second = checkout("carol", cart, "tok_visa", key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.text("orderId")).isEqualTo(first.text("orderId"));
		assertThat(second.text("status")).isEqualTo("CONFIRMED");
		assertThat(count("orders", "select count(*) from orders where idempotency_key = '" + key + "'")).isEqualTo(1);
		assertThat(count("payments", "select count(*) from payment where order_id = '" + first.text("orderId") + "'"))
			.isEqualTo(1);
	}

	@Test
	void badInputIsAProblemAndWritesNothing() throws SQLException {
		String cart = cartWith("dave", 104, 1);
		long orders = count("orders", "select count(*) from orders");
		long items = count("orders", "select count(*) from cart_item");
		String c = "X-Customer-Id";
		List<Reply> replies = List.of(
				this.api.post("/api/orders/carts/" + cart + "/items", "{not json", c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", "abc", "quantity", 1), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", -1), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 0), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 101), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 99999999999L), c,
						"dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 999999, "quantity", 1), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("quantity", 1), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/items", map("productId", 5, "quantity", 1)),
				this.api.post("/api/orders/carts/" + UUID.randomUUID() + "/items", map("productId", 5, "quantity", 1), c,
						"dave"),
				this.api.post("/api/orders/carts/not-a-uuid/items", map("productId", 5, "quantity", 1), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/checkout", "", c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/checkout", map("paymentMethod", map("type", "paypal",
						"token", "x")), c, "dave"),
				this.api.post("/api/orders/carts/" + cart + "/checkout", map("paymentMethod", map("type", "card")), c,
						"dave"),
				this.api.post("/api/orders/carts/" + cart + "/checkout", map("paymentMethod", map("type", "card",
						"token", "tok_visa")), c, "dave", "Idempotency-Key", "x".repeat(101)),
				this.api.get("/api/catalog/products?size=1000"), this.api.get("/api/catalog/products?page=-3"),
				this.api.get("/api/catalog/products/999999"), this.api.get("/api/orders/" + UUID.randomUUID(), c, "dave"),
				this.api.get("/api/payments?orderId=nope", c, "dave"), this.api.get("/api/payments", c, "dave"),
				this.api.get("/api/inventory/stock/abc"), this.api.put("/api/inventory/stock/104", map("available", 5)),
				this.api.get("/api/no-such-route"));
		assertThat(replies).allSatisfy(reply -> {
			assertThat(reply.status()).as(reply.raw()).isBetween(400, 499);
			assertThat(reply.contentType()).as(reply.raw()).startsWith("application/problem+json");
			assertThat(reply.body().path("status").asInt()).isEqualTo(reply.status());
		});
		assertThat(count("orders", "select count(*) from orders")).isEqualTo(orders);
		assertThat(count("orders", "select count(*) from cart_item")).isEqualTo(items);
	}

	@Test
	void aFlashSaleNeverOversells() throws Exception {
		int product = 105;
		Reply set = this.api.put("/api/inventory/stock/" + product, map("available", 30), "Authorization",
				"Bearer " + ADMIN_TOKEN);
		assertThat(set.status()).as(set.raw()).isEqualTo(200);
		int buyers = 100;
		List<String> carts = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			carts.add(cartWith("buyer-" + i, product, 1));
		}
		List<Callable<Reply>> checkouts = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			String customer = "buyer-" + i;
			String cart = carts.get(i);
			checkouts.add(() -> checkout(customer, cart, "tok_visa", null));
		}
		List<Reply> replies = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(buyers)) {
			for (Future<Reply> reply : pool.invokeAll(checkouts)) {
				replies.add(reply.get());
			}
		}
		long confirmed = replies.stream().filter(r -> "CONFIRMED".equals(r.text("status"))).count();
		long soldOut = replies.stream()
			.filter(r -> r.status() == 409 && r.text("type").endsWith("/insufficient-stock"))
			.count();
		assertThat(confirmed).isEqualTo(30);
		assertThat(soldOut).isEqualTo(70);
		Reply stock = this.api.get("/api/inventory/stock/" + product);
		assertThat(stock.body().path("available").asInt()).isZero();
		assertThat(stock.body().path("reserved").asInt()).isZero();
		assertInvariants();
	}

	/** Stock never negative, one payment per order, captured payments == confirmed orders. */
	private void assertInvariants() throws SQLException {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(count("orders", "select count(*) from orders where status = 'PENDING'"))
				.isZero());
		assertThat(count("inventory", "select count(*) from stock where available < 0 or reserved < 0")).isZero();
		assertThat(count("payments", "select count(*) from (select order_id from payment group by order_id "
				+ "having count(*) > 1) d")).isZero();
		long confirmed = count("orders", "select count(*) from orders where status = 'CONFIRMED'");
		long captured = count("payments", "select count(*) from payment where status = 'CAPTURED'");
		assertThat(captured).isEqualTo(confirmed);
		Reply ledger = new ShopApi(this.platform.config().url(ShopService.PAYMENT_PROVIDER)).get("/v1/ledger");
		assertThat(ledger.body().path("succeeded").asLong()).isEqualTo(captured);
	}

	private String cartWith(String customer, long productId, int quantity) {
		Reply cart = this.api.post("/api/orders/carts", null, "X-Customer-Id", customer);
		assertThat(cart.status()).as(cart.raw()).isEqualTo(201);
		String cartId = cart.text("cartId");
		Reply added = this.api.post("/api/orders/carts/" + cartId + "/items",
				map("productId", productId, "quantity", quantity), "X-Customer-Id", customer);
		assertThat(added.status()).as(added.raw()).isEqualTo(200);
		return cartId;
	}

	private Reply checkout(String customer, String cartId, String token, String idempotencyKey) {
		Object body = map("paymentMethod", map("type", "card", "token", token));
		return idempotencyKey == null
				? this.api.post("/api/orders/carts/" + cartId + "/checkout", body, "X-Customer-Id", customer)
				: this.api.post("/api/orders/carts/" + cartId + "/checkout", body, "X-Customer-Id", customer,
						"Idempotency-Key", idempotencyKey);
	}

	private int available(long productId) {
		return this.api.get("/api/inventory/stock/" + productId).body().path("available").asInt();
	}

	private long count(String database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.platform.postgres().jdbcUrl(database),
				this.platform.postgres().username(), this.platform.postgres().password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The first port of {@code size} consecutive free ports. */
	private static int freePortRange(int size) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int start = ThreadLocalRandom.current().nextInt(20_000, 40_000);
			if (allFree(start, size)) {
				return start;
			}
		}
		throw new IllegalStateException("No free port range");
	}

	private static boolean allFree(int start, int size) {
		for (int port = start; port < start + size; port++) {
			try (ServerSocket socket = new ServerSocket(port)) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
