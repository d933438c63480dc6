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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.PlatformConfig;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.audit.InvariantAudit;
import dev.oddshop.platform.tests.ShopApi.Reply;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform started as {@code ./shop up} starts it, on free ports, with the customer steps tests share. */
final class TestPlatform implements AutoCloseable {

	static final String ADMIN_TOKEN = "platform-test-admin-token";

	private final Platform platform;

	private final ShopApi api;

	private TestPlatform(Platform platform) {
		this.platform = platform;
		this.api = new ShopApi(platform.config().url(ShopService.GATEWAY));
	}

	/** Starts a fresh platform (empty databases) whose services also get {@code environment}. */
	static TestPlatform start(String name, Map<String, String> environment) {
		Path root = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
		return new TestPlatform(Platform.start(new PlatformConfig(root,
				root.resolve("platform-tests/target/" + name), freePortRange(6), freePortRange(1), true, ADMIN_TOKEN,
				environment, Duration.ofMinutes(4))));
	}

	ShopApi api() {
		return this.api;
	}

	ShopApi direct(ShopService service) {
		return new ShopApi(url(service));
	}

	String url(ShopService service) {
		return this.platform.config().url(service);
	}

	/** Where the services write their logs, {@code <service>.log} each. */
	Path logs() {
		return this.platform.config().runDirectory().resolve("logs");
	}

	String cartWith(String customer, long productId, int quantity) {
		Reply cart = this.api.post("/api/orders/carts", null, "X-Customer-Id", customer);
		assertThat(cart.status()).as(cart.raw()).isEqualTo(201);
		String cartId = cart.text("cartId");
		Reply added = this.api.post("/api/orders/carts/" + cartId + "/items",
				map("productId", productId, "quantity", quantity), "X-Customer-Id", customer);
		assertThat(added.status()).as(added.raw()).isEqualTo(200);
		return cartId;
	}

	Reply checkout(String customer, String cartId, String token, String idempotencyKey) {
		Object body = map("paymentMethod", map("type", "card", "token", token));
		return idempotencyKey == null
				? this.api.post("/api/orders/carts/" + cartId + "/checkout", body, "X-Customer-Id", customer)
				: this.api.post("/api/orders/carts/" + cartId + "/checkout", body, "X-Customer-Id", customer,
						"Idempotency-Key", idempotencyKey);
	}

	/**
	 * A buyer's checkout as a well-behaved client does it: with an Idempotency-Key, retrying after
	 * a 503 (busy) or 504 (outcome unknown) with the same key, so a retry can never order twice.
	 */
	Reply checkoutLikeAClient(String customer, String cart) throws InterruptedException {
		String key = UUID.randomUUID().toString();
		Reply reply = checkout(customer, cart, "tok_visa", key);
		for (int retry = 0; retry < 3 && (reply.status() == 503 || reply.status() == 504); retry++) {
			Thread.sleep(1_000);
			reply = checkout(customer, cart, "tok_visa", key);
		}
		return reply;
	}

	/** The audit (InvariantAudit, as the drill runs it) once the reconciler has settled every order. */
	InvariantAudit.Figures assertInvariants() throws SQLException {
		InvariantAudit audit = new InvariantAudit(this.platform.postgres());
		await().atMost(Duration.ofSeconds(60)).until(() -> audit.figures().pendingOrders() == 0);
		InvariantAudit.Figures figures = audit.figures();
		long providerSucceeded = direct(ShopService.PAYMENT_PROVIDER).get("/v1/ledger").body().path("succeeded").asLong();
		assertThat(audit.findings(figures, providerSucceeded)).isEmpty();
		return figures;
	}

	int available(long productId) {
		return this.api.get("/api/inventory/stock/" + productId).body().path("available").asInt();
	}

	long count(String database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.platform.postgres().jdbcUrl(database),
				this.platform.postgres().username(), this.platform.postgres().password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	@Override
	public void close() {
		this.platform.close();
	}

	/** The first port of {@code size} consecutive free ports. */
	private static int freePortRange(int size) {
		for (int attempt = 0; attempt < 50; attempt++) {
			// below Linux's ephemeral range (32768+), where outgoing connections could take a port we picked
			int start = ThreadLocalRandom.current().nextInt(20_000, 32_000);
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
