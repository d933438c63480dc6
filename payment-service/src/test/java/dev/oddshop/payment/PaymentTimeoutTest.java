package dev.oddshop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import dev.oddshop.payment.charge.PaymentStatus;
import dev.oddshop.payment.charge.PaymentView;
import dev.oddshop.provider.charge.Ledger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A provider slower than our read timeout: every attempt times out, so the outcome is unknown
 * (PENDING) until reconciliation asks the provider, and retries never charge twice.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.clients.services.provider.read-timeout=300ms", "shop.payment.reconcile-grace=1s"})
@AutoConfigureRestTestClient
@Import(InternalPayments.class)
class PaymentTimeoutTest {

    static final ProviderSimulator provider = ProviderSimulator.start(Duration.ofSeconds(3));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("payments"));
        registry.add("shop.clients.services.provider.base-url", provider::url);
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Autowired
    RestTestClient http;

    @Autowired
    InternalPayments payments;

    @Test
    void timeoutLeavesThePaymentPendingUntilReconciledWithOneCharge() {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        PaymentView pending = this.payments.charge(order, "judy", 1500, "tok_visa");
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(pending.failureReason()).isEqualTo("provider timeout");
        assertThat(pending.attempts()).isEqualTo(3);
        assertThat(this.payments.attemptOutcomes(pending)).containsExactly("TIMEOUT", "TIMEOUT", "TIMEOUT");
        // the provider is still processing: the lookup says so and nothing is decided yet
        assertThat(this.payments.get(order).status()).isEqualTo(PaymentStatus.PENDING);
        this.http
                .post()
                .uri("/internal/payments/{order}/cancel", order)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/payment-pending");
        PaymentView captured = awaitFinal(order);
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.attempts()).isEqualTo(3);
        assertThat(this.payments.charge(order, "judy", 1500, "tok_visa")).isEqualTo(captured);
        Ledger after = provider.ledger();
        assertThat(after.charges() - before.charges()).isEqualTo(1);
        assertThat(after.succeeded() - before.succeeded()).isEqualTo(1);
    }

    @Test
    void pendingPaymentTheProviderNeverRecordedFailsAfterTheGrace() {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        // tok_error: the provider answers 500 after its latency and records nothing
        assertThat(this.payments.charge(order, "judy", 1500, "tok_error").status())
                .isEqualTo(PaymentStatus.PENDING);
        PaymentView failed = awaitFinal(order);
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("provider has no record of the charge");
        assertThat(provider.ledger()).isEqualTo(before);
    }

    private PaymentView awaitFinal(UUID order) {
        // a bound for a broken run only: the provider settles within seconds, a loaded machine may take longer
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PaymentView payment = this.payments.get(order);
        while (payment.status() == PaymentStatus.PENDING && System.nanoTime() < deadline) {
            sleep(200);
            payment = this.payments.get(order);
        }
        return payment;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
