package dev.oddshop.platform.tests;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.scenario.FaultControl;
import dev.oddshop.platform.tests.ShopApi.Reply;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import dev.oddshop.scenario.Scenarios;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every fault kind on the running platform, switched through the gateway as the CLI does, under
 * checkout load: each strikes, and after recovery the data is sound (no oversold stock, no
 * double charge, every order final, captured payments == confirmed orders). Every scenario file
 * starts and stops through the same path. The faults run once, before the tests, which examine
 * what they did in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {

    private static final int FIRST_PRODUCT = 150;

    private static final int PRODUCTS = 6;

    private static final int STOCK = 5_000;

    /**
     * One fault of every kind, each where it hurts checkout (service, then the fault as the API
     * takes it). Those that need payments to reach the provider come before those that open
     * payment-service's breaker to it.
     */
    private static final List<ScenarioFault> EVERY_KIND = List.of(
            fault("payment-provider-simulator", "declines", "DECLINE", "provider.charge", 0.4, null, null),
            fault("payment-service", "never-settled", "NEVER_SETTLED", "payment.settle", 0.3, null, null),
            fault("payment-service", "wrong-amount", "WRONG_AMOUNT", "payment.settle", 0.3, null, null),
            fault("inventory-service", "errors", "ERROR", "inventory.reserve", 0.3, null, null),
            fault("inventory-service", "slow-sql", "SLOW_SQL", "inventory.reserve.sql", 1.0, "PT1S", null),
            fault("inventory-service", "pool", "POOL_EXHAUSTION", "inventory.reserve", 0.5, "PT5S", null),
            fault("inventory-service", "hot-row", "LOCK_CONTENTION", "inventory.stock.locked", 1.0, "PT0.3S", null),
            fault("payment-service", "hot-loop", "CPU_HOT_LOOP", "payment.charge", 1.0, "PT0.2S", null),
            fault("catalog-service", "leak", "MEMORY_LEAK", "catalog.product", 1.0, "PT0.256S", null),
            fault("order-service", "saturation", "THREAD_SATURATION", "order.checkout", 1.0, "PT0.2S", null),
            fault("order-service", "flapping", "READINESS_FLAP", "readiness", 0.5, null, null),
            fault("order-service", "log-flood", "LOG_FLOOD", "order.checkout", 1.0, null, null),
            fault("payment-service", "retry-storm", "RETRY_STORM", "provider.retry", 1.0, null, null),
            fault("payment-provider-simulator", "latency", "LATENCY", "provider.charge", 0.7, "PT1.5S", "PT1S"),
            fault("payment-provider-simulator", "hang", "HANG", "provider.charge", 0.3, null, null),
            fault("payment-service", "unreachable", "UNREACHABLE", "provider.call", 0.5, null, null));

    private TestPlatform platform;

    private FaultControl faults;

    /** The faults of EVERY_KIND that never struck under load. */
    private final List<String> unstruck = new ArrayList<>();

    @BeforeAll
    void startPlatformAndRunEveryKind() throws Exception {
        this.platform = TestPlatform.start(
                "faults-run",
                Map.of(
                        "SIMULATOR_LATENCY_MEAN",
                        "30ms",
                        "SIMULATOR_LATENCY_JITTER",
                        "20ms",
                        "SHOP_ORDERS_STALE_AFTER",
                        "5s",
                        "SHOP_ORDERS_RECONCILE_INTERVAL",
                        "1s"));
        this.faults = new FaultControl(URI.create(this.platform.url(ShopService.GATEWAY)), TestPlatform.ADMIN_TOKEN);
        for (int product = FIRST_PRODUCT; product < FIRST_PRODUCT + PRODUCTS; product++) {
            this.platform.setAvailable(product, STOCK);
        }
        for (ScenarioFault fault : EVERY_KIND) {
            // the provider's breaker, opened by an earlier fault, lets calls through again (half-open) after 10 s
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> metric(
                                    "payment-service",
                                    "resilience4j_circuitbreaker_state",
                                    "name=\"provider\"",
                                    "state=\"open\"")
                            == 0);
            this.faults.enable(fault);
            if (fault.kind().equals("RETRY_STORM")) {
                // a storm needs failures to retry
                this.faults.enable(fault(
                        "payment-provider-simulator", "storm-errors", "ERROR", "provider.charge", 0.5, null, null));
            }
            // five seconds of load as a rule; a platform still cold (a loaded CI machine) may need more
            // before a checkout reaches the fault's point, so the load goes on until it struck (1 min at most)
            int checkouts = checkoutLoad(Duration.ofSeconds(5));
            for (int round = 1; round < 12 && !struck(fault); round++) {
                checkouts += checkoutLoad(Duration.ofSeconds(5));
            }
            this.faults.disableAll();
            assertThat(checkouts).as("checkouts answered during " + fault.id()).isPositive();
            if (!struck(fault)) {
                this.unstruck.add(fault.id());
            }
        }
    }

    @AfterAll
    void stopPlatform() {
        if (this.platform != null) {
            this.platform.close();
        }
    }

    @Test
    void theFanOutNeedsTheAdminToken() {
        assertThat(this.platform.api().get("/admin/faults").status()).isEqualTo(401);
        assertThat(this.platform
                        .api()
                        .get("/admin/faults", "Authorization", "Bearer wrong")
                        .status())
                .isEqualTo(401);
        Reply unknown = this.platform
                .api()
                .post(
                        "/admin/faults/no-such-service",
                        map("id", "x", "kind", "LATENCY", "point", "x"),
                        "Authorization",
                        "Bearer " + TestPlatform.ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        Reply bad = this.platform
                .api()
                .post(
                        "/admin/faults/order-service",
                        map("id", "x", "kind", "EARTHQUAKE"),
                        "Authorization",
                        "Bearer " + TestPlatform.ADMIN_TOKEN);
        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
    }

    @Test
    void everyFaultKindStrikesUnderLoadAndLeavesTheDataSound() throws Exception {
        assertThat(this.unstruck).as("faults that never struck").isEmpty();
        assertThat(this.platform
                        .api()
                        .get("/admin/faults", "Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                        .raw())
                .doesNotContain("\"kind\"");

        // the reconciler settles whatever the faults left pending; then the audit
        assertThat(this.platform.assertInvariants().capturesNeverSent())
                .as("captures the NEVER_SETTLED fault reported without a charge")
                .isPositive();
        for (int product = FIRST_PRODUCT; product < FIRST_PRODUCT + PRODUCTS; product++) {
            long sold = this.platform.count(
                    "orders",
                    "select coalesce(sum(i.quantity), 0) from orders o join order_item i "
                            + "on i.order_id = o.id where i.product_id = " + product + " and o.status = 'CONFIRMED'");
            Reply stock = this.platform.api().get("/api/inventory/stock/" + product);
            assertThat(stock.body().path("available").asLong())
                    .as("product " + product)
                    .isEqualTo(STOCK - sold);
            assertThat(stock.body().path("reserved").asInt())
                    .as("product " + product)
                    .isZero();
        }
        // the silent failures are visible only where money is counted: the provider settled less than was sold
        assertThat(settledCents()).isLessThan(revenueCents());
    }

    @Test
    void everyScenarioStartsAndStopsThroughTheGateway() throws Exception {
        Path root =
                Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();
        List<Scenario> scenarios = new Scenarios(root.resolve("scenarios")).all();
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(6);
        // every scenario fault names a point its service declares, and a kind that acts there (either
        // mistake is refused with 400)
        JsonNode points = this.platform
                .api()
                .get("/admin/faults/points", "Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                .body();
        for (Scenario scenario : scenarios) {
            assertThat(scenario.faults())
                    .allSatisfy(fault -> assertThat(points.path(fault.service())
                                    .valueStream()
                                    .filter(point ->
                                            point.path("point").asString().equals(fault.point()))
                                    .flatMap(point -> point.path("kinds").valueStream())
                                    .map(JsonNode::asString))
                            .as(scenario.name() + " " + fault.id() + " at " + fault.point())
                            .contains(fault.kind()));
        }
        for (Scenario scenario : scenarios) {
            this.faults.start(scenario);
            String active = this.faults.list();
            assertThat(scenario.faults())
                    .allSatisfy(fault -> assertThat(active).contains("\"id\":\"" + fault.id() + "\""));
            this.faults.stop(scenario);
            assertThat(this.faults.list()).doesNotContain("\"kind\"");
        }
    }

    /**
     * After every fault kind, the services' logs hold the lines the runbooks look for; what only a
     * rarer path writes is found among the code's log statements, with the level the query asks for.
     */
    @Test
    void everyRunbookLineFilterMatchesWhatTheServicesLog() {
        List<LogLineFilters.Line> lines = new ArrayList<>(LogLineFilters.logged(this.platform.logs()));
        assertThat(lines).isNotEmpty();
        lines.addAll(LogLineFilters.logStatements(Runbooks.ROOT));
        assertThat(LogLineFilters.unmatched(Runbooks.queries("logql"), lines)).isEmpty();
    }

    /** Buyers view a product, fill a cart and check out like well-behaved clients; returns the checkouts answered. */
    private int checkoutLoad(Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger answered = new AtomicInteger();
        try (ExecutorService buyers = Executors.newFixedThreadPool(PRODUCTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int b = 0; b < PRODUCTS; b++) {
                long product = FIRST_PRODUCT + b;
                String customer = "fault-buyer-" + b;
                running.add(buyers.submit(() -> {
                    while (System.nanoTime() < end) {
                        this.platform.api().get("/api/catalog/products/" + product);
                        Reply reply = this.platform.checkoutLikeAClient(
                                customer, this.platform.cartWith(customer, product, 1));
                        assertThat(reply.status()).as(reply.raw()).isIn(200, 201, 409, 503, 504);
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> buyer : running) {
                buyer.get();
            }
        }
        return answered.get();
    }

    /** A readiness flap acts on the health probe, which no checkout passes: it counts as struck. */
    private boolean struck(ScenarioFault fault) {
        return fault.kind().equals("READINESS_FLAP")
                || metric(fault.service(), "shop_fault_injections_total", "fault=\"" + fault.id() + "\"") > 0;
    }

    private double settledCents() {
        return metric("payment-provider-simulator", "shop_provider_settled_cents_total");
    }

    private double revenueCents() {
        return metric("order-service", "shop_revenue_cents_total");
    }

    /** The sum of a metric's samples that carry all these labels, as Prometheus would scrape them. */
    private double metric(String service, String name, String... labels) {
        String text = this.platform
                .direct(ShopService.of(service))
                .get("/actuator/prometheus")
                .raw();
        Pattern sample = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        return sample.matcher(text)
                .results()
                .filter(match -> Arrays.stream(labels).allMatch(match.group(1)::contains))
                .mapToDouble(match -> Double.parseDouble(match.group(2)))
                .sum();
    }

    private static ScenarioFault fault(
            String service, String id, String kind, String point, double probability, String duration, String jitter) {
        return new ScenarioFault(
                service,
                id,
                kind,
                point,
                probability,
                duration == null ? null : Duration.parse(duration),
                jitter == null ? null : Duration.parse(jitter),
                Duration.ZERO,
                Duration.ofMinutes(2),
                "FaultsIT");
    }
}
