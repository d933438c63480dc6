package dev.oddshop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import dev.oddshop.payment.charge.PaymentStatus;
import dev.oddshop.payment.charge.PaymentView;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A provider nobody listens for: the charge certainly did not happen, so the payment FAILS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(InternalPayments.class)
class ProviderDownTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("payments"));
        registry.add("shop.clients.services.provider.base-url", () -> "http://localhost:" + unusedPort());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    RestTestClient http;

    @Autowired
    InternalPayments payments;

    @BeforeEach
    void closeTheBreaker() {
        this.breakers.circuitBreaker("provider").reset();
    }

    @Test
    void unreachableProviderFailsThePaymentAfterThreeAttempts() {
        UUID order = UUID.randomUUID();
        PaymentView payment = this.payments.charge(order, "kim", 700, "tok_visa");
        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(payment.failureReason()).isEqualTo("provider unreachable after 3 attempt(s)");
        assertThat(this.jdbc.queryForList(
                        "select outcome from payment_attempt where payment_id = ? order by attempt_no",
                        String.class,
                        payment.paymentId()))
                .containsExactly("UNREACHABLE", "UNREACHABLE", "UNREACHABLE");
        // final: asking again neither charges nor changes it
        this.http
                .get()
                .uri("/internal/payments/{order}", order)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PaymentView.class)
                .isEqualTo(payment);
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndFailsFastWithoutCalling() {
        // 4 payments x 3 attempts: more than the breaker's minimum of 10 calls, all failed
        for (int i = 0; i < 4; i++) {
            this.payments.charge(UUID.randomUUID(), "kim", 700, "tok_visa");
        }
        PaymentView payment = this.payments.charge(UUID.randomUUID(), "kim", 700, "tok_visa");
        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.failureReason()).isEqualTo("provider circuit breaker open");
        assertThat(payment.attempts()).isZero();
    }

    @Test
    void refundOfACaptureWhileTheProviderIsDownAnswers503AndKeepsItCaptured() {
        UUID order = UUID.randomUUID();
        // captured while the provider was up
        this.jdbc.update("""
				insert into payment (id, order_id, customer_id, amount_cents, currency, status, provider_charge_id,
				    attempts, created_at, updated_at)
				values (?, ?, 'kim', 700, 'EUR', 'CAPTURED', 'ch_1', 1, now(), now())""", UUID.randomUUID(), order);
        this.payments.refundProblem(order, 503, "provider-unavailable");
        assertThat(this.payments.get(order).status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
