package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ServiceInstance;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.audit.InvariantAudit;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of catalog, inventory, order and payment on one database each, started at once
 * (their migrations meet at Flyway's lock), behind the gateway's load balancer: faults reach every
 * replica, and a flash sale that loses an order-service and an inventory-service to SIGKILL
 * mid-load loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final ServiceInstance SECOND_ORDER = new ServiceInstance(ShopService.ORDER, 2);

    private static final ServiceInstance SECOND_INVENTORY = new ServiceInstance(ShopService.INVENTORY, 2);

    private static final String ADMIN = "Bearer " + TestPlatform.ADMIN_TOKEN;

    private TestPlatform platform;

    @BeforeAll
    void startTwoOfEach() {
        this.platform = TestPlatform.start(
                "replicas-run",
                // an order left PENDING by a killed replica is another replica's after 5 s
                Map.of("SHOP_ORDERS_STALE_AFTER", "5s", "SHOP_ORDERS_RECONCILE_INTERVAL", "1s"),
                2);
    }

    @AfterAll
    void stopPlatform() {
        if (this.platform != null) {
            this.platform.close();
        }
    }

    @Test
    @Order(1)
    void replicasStartingTogetherMigrateTheirDatabaseOnce() throws Exception {
        for (String database : List.of("catalog", "inventory", "orders", "payments")) {
            assertThat(this.platform.count(database, "select count(*) from flyway_schema_history where not success"))
                    .as(database)
                    .isZero();
            assertThat(this.platform.count(
                            database,
                            "select count(*) from (select version, description from flyway_schema_history"
                                    + " group by version, description having count(*) > 1) twice"))
                    .as(database + ": a migration applied twice")
                    .isZero();
        }
    }

    @Test
    @Order(2)
    void aFaultSwitchedOnThroughTheGatewayIsOnAtEveryReplicaAndOffEverywhereAfterFaultsOff() {
        // a replica that is down when the fault is switched on has it as soon as it is back
        this.platform.platform().kill(SECOND_ORDER);
        Reply on = this.platform
                .api()
                .post(
                        "/admin/faults/order-service",
                        ShopApi.map(
                                "id",
                                "replica-check",
                                "kind",
                                "LATENCY",
                                "point",
                                "order.checkout",
                                "duration",
                                "PT0.001S",
                                "ttl",
                                "PT5M"),
                        "Authorization",
                        ADMIN);
        assertThat(on.status()).as(on.raw()).isEqualTo(201);
        this.platform.platform().start(SECOND_ORDER);

        for (ServiceInstance instance : orderServices()) {
            assertThat(faultActive(instance, "replica-check"))
                    .as(instance.name())
                    .isEqualTo(1.0);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(instancesListed("replica-check"))
                        .containsExactlyInAnyOrderElementsOf(orderServices().stream()
                                .map(instance -> this.platform.url(instance).replace("http://", ""))
                                .toList()));

        Reply off = this.platform.api().delete("/admin/faults", "Authorization", ADMIN);
        assertThat(off.status()).as(off.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ServiceInstance instance : orderServices()) {
                assertThat(faultActive(instance, "replica-check"))
                        .as(instance.name())
                        .isZero();
            }
        });
    }

    @Test
    @Order(3)
    void aFlashSaleThatLosesAnOrderAndAnInventoryReplicaMidLoadLosesNothing() throws Exception {
        int product = 111;
        int stock = 40;
        this.platform.setAvailable(product, stock);
        int buyers = 120;
        List<Callable<Reply>> checkouts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String customer = "replica-buyer-" + i;
            String cart = this.platform.cartWith(customer, product, 1);
            checkouts.add(() -> this.platform.checkoutLikeAClient(customer, cart));
        }
        List<Reply> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            List<Future<Reply>> pending = checkouts.stream().map(pool::submit).toList();
            // mid-load: some checkouts done, many in flight or still queued
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pending.stream().filter(Future::isDone).count() >= buyers / 4);
            this.platform.platform().kill(SECOND_ORDER);
            this.platform.platform().kill(SECOND_INVENTORY);
            for (Future<Reply> reply : pending) {
                replies.add(reply.get());
            }
        }

        assertThat(replies)
                .as("an order, sold out, or refused while a replica went away: never a 500")
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.raw()).isIn(200, 201, 409, 502, 503, 504));
        // no order non-final two minutes after the load; then the audit: no stock oversold or left
        // reserved, one payment per order, captured payments = confirmed orders = provider ledger
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        this.platform.count("orders", "select count(*) from orders where status = 'PENDING'") == 0);
        InvariantAudit.Figures figures = this.platform.assertInvariants();
        long confirmed = this.platform.count(
                "orders",
                "select count(*) from orders o join order_item i on i.order_id = o.id where i.product_id = " + product
                        + " and o.status = 'CONFIRMED'");
        assertThat(confirmed + this.platform.available(product)).isEqualTo(stock);
        assertThat(confirmed).isPositive();
        assertThat(figures.pendingOrders()).isZero();

        this.platform.platform().start(SECOND_ORDER);
        this.platform.platform().start(SECOND_INVENTORY);
    }

    @Test
    @Order(4)
    void aReplicaStoppedWithSigtermFinishesItsCheckoutInFlightFirst() throws Exception {
        // every charge waits 3 s in payment-service, well inside order-service's 10 s for it (the
        // provider's 2 s read timeout would turn a slow provider into a PENDING payment): the
        // checkout is in flight when SIGTERM comes
        Reply slow = this.platform
                .api()
                .post(
                        "/admin/faults/payment-service",
                        ShopApi.map(
                                "id",
                                "slow-charges",
                                "kind",
                                "LATENCY",
                                "point",
                                "payment.charge",
                                "duration",
                                "PT3S",
                                "ttl",
                                "PT5M"),
                        "Authorization",
                        ADMIN);
        assertThat(slow.status()).as(slow.raw()).isEqualTo(201);
        String customer = "graceful-buyer";
        String cart = this.platform.cartWith(customer, 112, 1);
        // straight to the replica about to stop, as the gateway would forward it
        ShopApi replica = new ShopApi(this.platform.url(SECOND_ORDER));
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Reply> checkout = pool.submit(() -> replica.post(
                    "/api/orders/carts/" + cart + "/checkout",
                    ShopApi.map("paymentMethod", ShopApi.map("type", "card", "token", "tok_visa")),
                    "X-Customer-Id",
                    this.platform.customerId(customer)));
            // in flight: its order is written (step STARTED) before the 3 s charge
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            this.platform.count("orders", "select count(*) from orders where cart_id = '" + cart + "'")
                                    == 1);
            Duration stopping = this.platform.platform().stop(SECOND_ORDER);

            Reply answer = checkout.get();
            assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
            assertThat(answer.text("status")).isEqualTo("CONFIRMED");
            // graceful shutdown waits at most spring.lifecycle.timeout-per-shutdown-phase (10 s) per phase
            assertThat(stopping).isLessThan(Duration.ofSeconds(40));
        } finally {
            this.platform.api().delete("/admin/faults", "Authorization", ADMIN);
            this.platform.platform().start(SECOND_ORDER);
        }
    }

    private List<ServiceInstance> orderServices() {
        return this.platform.platform().config().instances(ShopService.ORDER);
    }

    /** shop_fault_active for the fault, as this instance's own Prometheus endpoint shows it (0 when absent). */
    private double faultActive(ServiceInstance instance, String fault) {
        String metrics = new ShopApi(this.platform.url(instance))
                .get("/actuator/prometheus")
                .raw();
        Matcher value = Pattern.compile("(?m)^shop_fault_active\\{[^}]*fault=\"" + fault + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    /** The instances the gateway's fault list names for the fault. */
    private List<String> instancesListed(String fault) {
        Reply faults = this.platform.api().get("/admin/faults", "Authorization", ADMIN);
        return StreamSupport.stream(faults.body().path("order-service").spliterator(), false)
                .filter(active -> active.path("id").asString().equals(fault))
                .flatMap(active -> StreamSupport.stream(active.path("instances").spliterator(), false))
                .map(instance -> instance.asString())
                .toList();
    }
}
