package dev.oddshop.platform.tests;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.FreePorts;
import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.PlatformConfig;
import dev.oddshop.launcher.ServiceInstance;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.audit.InvariantAudit;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The platform started as {@code ./shop up} starts it, on free ports, with the customer steps tests share. */
final class TestPlatform implements AutoCloseable {

    static final String ADMIN_TOKEN = "platform-test-admin-token";

    private final Platform platform;

    private final ShopApi api;

    private final Map<String, Customer> customers = new ConcurrentHashMap<>();

    private TestPlatform(Platform platform) {
        this.platform = platform;
        this.api = new ShopApi(platform.config().url(ShopService.GATEWAY));
    }

    /** Starts a fresh platform (empty databases) whose services also get {@code environment}. */
    static TestPlatform start(String name, Map<String, String> environment) {
        return start(name, environment, 1);
    }

    /** The same, with {@code replicas} instances of each service that scales. */
    static TestPlatform start(String name, Map<String, String> environment, int replicas) {
        Path root =
                Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
        Map<ShopService, Integer> counts = new EnumMap<>(ShopService.class);
        Stream.of(ShopService.values()).filter(ShopService::scalable).forEach(service -> counts.put(service, replicas));
        return new TestPlatform(Platform.start(new PlatformConfig(
                root,
                root.resolve("platform-tests/target/" + name),
                FreePorts.range(PlatformConfig.ports(counts)),
                FreePorts.range(1),
                true,
                ADMIN_TOKEN,
                PlatformConfig.newSecret(),
                environment,
                PlatformConfig.START_TIMEOUT,
                counts)));
    }

    /** The processes: to kill and start instances. */
    Platform platform() {
        return this.platform;
    }

    ShopApi api() {
        return this.api;
    }

    /** host:port of every service instance, for a Prometheus of the test's own. */
    Map<String, List<String>> scrapeTargets() {
        return this.platform.scrapeTargets();
    }

    ShopApi direct(ShopService service) {
        return new ShopApi(url(service));
    }

    String url(ServiceInstance instance) {
        return this.platform.config().url(instance);
    }

    String url(ShopService service) {
        return this.platform.config().url(service);
    }

    /** The key the gateway signs sessions with, to forge tokens as an attacker who stole it would. */
    String sessionKey() {
        return this.platform.config().sessionKey();
    }

    /** Where the services write their logs, {@code <service>.log} each. */
    Path logs() {
        return this.platform.config().runDirectory().resolve("logs");
    }

    /**
     * The credentials of the customer a test calls {@code name}: a session the gateway opens on
     * first use, as a client would.
     */
    String[] as(String name) {
        return this.customers
                .computeIfAbsent(name, key -> {
                    Reply session = this.api.post("/api/session", null);
                    assertThat(session.status()).as(session.raw()).isEqualTo(201);
                    return new Customer(session.text("customerId"), session.text("token"));
                })
                .credentials();
    }

    /** The customer id the gateway gave {@code name}'s session. */
    String customerId(String name) {
        as(name);
        return this.customers.get(name).id();
    }

    /** A customer's session: its id and its token. */
    record Customer(String id, String token) {

        String[] credentials() {
            return new String[] {"Authorization", "Bearer " + this.token};
        }
    }

    String cartWith(String customer, long productId, int quantity) {
        Reply cart = this.api.post("/api/orders/carts", null, as(customer));
        assertThat(cart.status()).as(cart.raw()).isEqualTo(201);
        String cartId = cart.text("cartId");
        Reply added = this.api.post(
                "/api/orders/carts/" + cartId + "/items",
                map("productId", productId, "quantity", quantity),
                as(customer));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        return cartId;
    }

    Reply checkout(String customer, String cartId, String token, String idempotencyKey) {
        Object body = map("paymentMethod", map("type", "card", "token", token));
        return idempotencyKey == null
                ? this.api.post("/api/orders/carts/" + cartId + "/checkout", body, as(customer))
                : this.api.post(
                        "/api/orders/carts/" + cartId + "/checkout",
                        body,
                        ShopApi.with(as(customer), "Idempotency-Key", idempotencyKey));
    }

    /**
     * No secret of this run in any service's log: not the admin token, not the session key, not
     * a session token, not a password Spring Security would have generated.
     */
    void assertNoSecretsInLogs() throws IOException {
        List<String> secrets =
                new ArrayList<>(List.of(ADMIN_TOKEN, this.platform.config().sessionKey()));
        this.customers.values().forEach(customer -> secrets.add(customer.token()));
        try (Stream<Path> files = Files.list(logs())) {
            for (Path log : files.toList()) {
                String text = Files.readString(log);
                assertThat(text).as(log.getFileName().toString()).doesNotContain("generated security password");
                for (String secret : secrets) {
                    assertThat(text.contains(secret))
                            .as(log.getFileName() + " holds a secret")
                            .isFalse();
                }
            }
        }
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
        JsonNode ledger = direct(ShopService.PAYMENT_PROVIDER).get("/v1/ledger").body();
        assertThat(audit.findings(
                        figures,
                        InvariantAudit.ProviderLedger.of(
                                field -> ledger.path(field).asLong())))
                .isEmpty();
        return figures;
    }

    /** Sets a product's available stock, as an operator would (admin token). */
    void setAvailable(long productId, int available) {
        Reply set = this.api.put(
                "/api/inventory/stock/" + productId,
                ShopApi.map("available", available),
                "Authorization",
                "Bearer " + ADMIN_TOKEN);
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    int available(long productId) {
        return this.api
                .get("/api/inventory/stock/" + productId)
                .body()
                .path("available")
                .asInt();
    }

    long count(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        this.platform.postgres().jdbcUrl(database),
                        this.platform.postgres().username(),
                        this.platform.postgres().password());
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
}
