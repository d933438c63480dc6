package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A provider slower than every timeout: the checkout answers PENDING (outcome unknown) and the
 * reconciler resolves each order by asking, never by charging again. Reservations last a second
 * here, far less than a payment: the stock of a slow payment can be sold meanwhile, and then the
 * payment is refunded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT {

    private TestPlatform platform;

    @BeforeAll
    void startPlatformWithASlowProvider() {
        this.platform = TestPlatform.start(
                "reconciliation-run",
                Map.of(
                        "SIMULATOR_LATENCY_MEAN",
                        "5s",
                        "SIMULATOR_LATENCY_JITTER",
                        "0ms",
                        // order-service gives up on payment-service long before the provider answers
                        "PAYMENT_READ_TIMEOUT",
                        "500ms",
                        "SHOP_ORDERS_STALE_AFTER",
                        "2s",
                        "SHOP_ORDERS_RECONCILE_INTERVAL",
                        "1s",
                        "SHOP_INVENTORY_RESERVATION_TTL",
                        "1s",
                        "SHOP_INVENTORY_SWEEP_INTERVAL",
                        "1s"));
    }

    @AfterAll
    void stopPlatform() {
        if (this.platform != null) {
            this.platform.close();
        }
    }

    @Test
    void anUnknownOutcomeThatWasApprovedEndsConfirmedWithOneCharge() throws Exception {
        int before = this.platform.available(201);
        String orderId = pendingCheckout("erin", 201, 1, "tok_visa");

        awaitOrder("erin", orderId, "CONFIRMED");
        assertThat(this.platform.available(201)).isEqualTo(before - 1);
        Reply payment = this.platform.api().get("/api/payments?orderId=" + orderId, this.platform.as("erin"));
        assertThat(payment.text("status")).isEqualTo("CAPTURED");
        Reply charge = this.platform.direct(ShopService.PAYMENT_PROVIDER).get("/v1/charges?idempotencyKey=" + orderId);
        assertThat(charge.text("status")).isEqualTo("succeeded");
        assertThat(this.platform.count("payments", "select count(*) from payment where order_id = '" + orderId + "'"))
                .isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeThatWasDeclinedEndsFailedWithTheStockBack() {
        int before = this.platform.available(202);
        String orderId = pendingCheckout("frank", 202, 2, "tok_declined");

        Reply order = awaitOrder("frank", orderId, "FAILED");
        assertThat(this.platform.available(202)).isEqualTo(before);
        assertThat(order.text("failureReason")).contains("declined");
    }

    @Test
    void aPaidOrderWhoseStockWasSoldMeanwhileIsRefundedInFull() throws Exception {
        long product = 203;
        this.platform.setAvailable(product, 1);
        Reply before = this.platform.direct(ShopService.PAYMENT_PROVIDER).get("/v1/ledger");
        String orderId = pendingCheckout("gina", product, 1, "tok_visa");

        // the reservation expires long before the 5 s payment ends; then the last item is sold elsewhere
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> this.platform.available(product) == 1);
        this.platform.setAvailable(product, 0);

        Reply order = awaitOrder("gina", orderId, "FAILED");
        assertThat(order.text("failureReason")).contains("refunded in full");
        Reply payment = this.platform.api().get("/api/payments?orderId=" + orderId, this.platform.as("gina"));
        assertThat(payment.text("status")).isEqualTo("REFUNDED");
        Reply after = this.platform.direct(ShopService.PAYMENT_PROVIDER).get("/v1/ledger");
        assertThat(after.body().path("refunds").asLong()
                        - before.body().path("refunds").asLong())
                .isEqualTo(1);
        assertThat(after.body().path("refundedAmountCents").asLong()
                        - before.body().path("refundedAmountCents").asLong())
                .isEqualTo(order.body().path("totalCents").asLong());
        assertThat(this.platform.available(product)).isZero();
        // captured - refunded = confirmed revenue = what the provider kept
        this.platform.assertInvariants();
    }

    /** A checkout of one cart, answered PENDING: the provider is slower than every timeout. Its order id. */
    private String pendingCheckout(String customer, long product, int quantity, String card) {
        String cart = this.platform.cartWith(customer, product, quantity);
        Reply checkout = this.platform.checkout(customer, cart, card, null);
        assertThat(checkout.text("status")).as(checkout.raw()).isEqualTo("PENDING");
        return checkout.text("orderId");
    }

    /** The order once the reconciler has settled it in {@code status}. */
    private Reply awaitOrder(String customer, String orderId, String status) {
        return await("order " + orderId + " " + status)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> this.platform.api().get("/api/orders/" + orderId, this.platform.as(customer)),
                        order -> status.equals(order.text("status")));
    }
}
