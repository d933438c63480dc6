package dev.oddshop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.payment.charge.PaymentStatus;
import dev.oddshop.payment.charge.PaymentView;
import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultRequest;
import dev.oddshop.provider.charge.ChargeStatus;
import dev.oddshop.provider.charge.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** Payments over real HTTP, on a real PostgreSQL, charged at a real provider simulator. */
class PaymentApiTest extends SimulatedProviderTest {

    @Test
    void capturesAGoodCardOnceEvenWhenAskedAgain() {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        PaymentView first = this.payments.charge(order, "alice", 4599, "tok_visa");
        assertThat(first.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(first.orderId()).isEqualTo(order);
        assertThat(first.amountCents()).isEqualTo(4599);
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(provider.charge(order))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(ChargeStatus.SUCCEEDED));
        PaymentView again = this.payments.charge(order, "alice", 4599, "tok_visa");
        assertThat(again).isEqualTo(first);
        assertThat(get("/internal/payments/" + order)).isEqualTo(first);
        Ledger after = provider.ledger();
        assertThat(after.charges() - before.charges()).isEqualTo(1);
        assertThat(after.succeededAmountCents() - before.succeededAmountCents()).isEqualTo(4599);
        assertThat(providerChargeId(order))
                .isEqualTo(provider.charge(order).orElseThrow().id());
    }

    @Test
    void aChargeWhoseSettlementWasNeverStoredIsCapturedByReconciliationWithItsAttemptCounted() {
        // the provider charged, but the service stopped (or its pool ran dry) before the settlement
        // and its attempts were stored: the payment row is PENDING with no attempt recorded
        UUID order = UUID.randomUUID();
        String charge = provider.chargeDirectly(order, 2100).id();
        this.jdbc.update(
                "insert into payment (id, order_id, customer_id, amount_cents, currency, status, created_at, updated_at)"
                        + " values (?, ?, 'erin', 2100, 'EUR', 'PENDING', now(), now())",
                UUID.randomUUID(),
                order);

        PaymentView reconciled = this.payments.get(order);

        assertThat(reconciled.status()).isEqualTo(PaymentStatus.CAPTURED);
        // the audit tells a capture never sent (a silent-failure fault) by its zero attempts
        assertThat(reconciled.attempts()).isEqualTo(1);
        assertThat(providerChargeId(order)).isEqualTo(charge);
    }

    @Test
    void concurrentChargesOfOneOrderMakeOnePaymentAndOneCharge() throws Exception {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        List<PaymentView> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<CompletableFuture<PaymentView>> calls = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> this.payments.charge(order, "bob", 1000, "tok_visa"), pool))
                    .toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        }
        assertThat(answers)
                .extracting(PaymentView::paymentId)
                .containsOnly(answers.getFirst().paymentId());
        assertThat(answers).extracting(PaymentView::status).contains(PaymentStatus.CAPTURED);
        assertThat(get("/internal/payments/" + order).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(this.jdbc.queryForObject("select count(*) from payment where order_id = ?", Long.class, order))
                .isEqualTo(1);
        assertThat(provider.ledger().charges() - before.charges()).isEqualTo(1);
    }

    @Test
    void declinedCardIsDeclinedWithItsCode() {
        UUID order = UUID.randomUUID();
        PaymentView payment = this.payments.charge(order, "carol", 250, "tok_insufficient_funds");
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.declineCode()).isEqualTo("insufficient_funds");
        assertThat(this.payments
                        .charge(UUID.randomUUID(), "carol", 250, "tok_declined")
                        .declineCode())
                .isEqualTo("card_declined");
    }

    @Test
    void providerErrorsAreRetriedThenFailWithoutACharge() {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        PaymentView payment = this.payments.charge(order, "dave", 999, "tok_error");
        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(payment.failureReason()).isEqualTo("provider error after 3 attempt(s): HTTP 500 processing-error");
        assertThat(this.payments.attemptOutcomes(payment))
                .containsExactly("SERVER_ERROR", "SERVER_ERROR", "SERVER_ERROR");
        assertThat(provider.ledger()).isEqualTo(before);
    }

    @Test
    void anUnreachableProviderFailsThePaymentWithoutACharge() {
        this.faults.on(new FaultRequest(
                "provider-down", FaultKind.UNREACHABLE, "provider.call", null, null, null, null, null, "test"));
        try {
            Ledger before = provider.ledger();
            PaymentView payment = this.payments.charge(UUID.randomUUID(), "erin", 300, "tok_visa");
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.failureReason()).startsWith("provider unreachable");
            assertThat(this.payments.attemptOutcomes(payment))
                    .containsExactly("UNREACHABLE", "UNREACHABLE", "UNREACHABLE");
            assertThat(provider.ledger()).isEqualTo(before);
        } finally {
            this.faults.off("provider-down");
        }
    }

    @Test
    void aRetryStormSendsTenAttemptsWithoutBackoffWhereThreeWereConfigured() {
        this.faults.on(new FaultRequest(
                "storm", FaultKind.RETRY_STORM, "provider.retry", null, null, null, null, null, "test"));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        this.retries.retry("provider-storm").getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));
        try {
            PaymentView payment = this.payments.charge(UUID.randomUUID(), "dave", 999, "tok_error");
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.attempts()).isEqualTo(10);
            assertThat(this.payments.attemptOutcomes(payment)).hasSize(10).containsOnly("SERVER_ERROR");
            // the configured retry waits 200 ms + 400 ms (+-50 %) between three attempts; the storm never
            // waits (what the retry was told to wait, not a wall-clock bound)
            assertThat(waits).hasSize(9).containsOnly(Duration.ZERO);
        } finally {
            this.faults.off("storm");
        }
    }

    @Test
    void aPaymentNeverSettledIsCapturedHereWhileTheProviderChargedNothing() {
        this.faults.on(new FaultRequest(
                "unsettled", FaultKind.NEVER_SETTLED, "payment.settle", null, null, null, null, null, "test"));
        try {
            Ledger before = provider.ledger();
            UUID order = UUID.randomUUID();
            PaymentView payment = this.payments.charge(order, "frank", 1500, "tok_visa");
            assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(payment.attempts()).isZero();
            assertThat(provider.ledger()).isEqualTo(before);
            assertThat(provider.charge(order)).isEmpty();
            // the fingerprint in the business metrics: captured, yet nothing was sent
            assertThat(this.meters
                            .get("shop.payments")
                            .tag("outcome", "captured")
                            .tag("provider_result", "not_sent")
                            .counter()
                            .count())
                    .isPositive();
        } finally {
            this.faults.off("unsettled");
        }
    }

    @Test
    void aWrongAmountIsChargedWhileTheRightOneIsRecorded() {
        this.faults.on(new FaultRequest(
                "tenth", FaultKind.WRONG_AMOUNT, "payment.settle", null, null, null, null, null, "test"));
        try {
            Ledger before = provider.ledger();
            PaymentView payment = this.payments.charge(UUID.randomUUID(), "frank", 2500, "tok_visa");
            assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(payment.amountCents()).isEqualTo(2500);
            assertThat(provider.ledger().succeededAmountCents() - before.succeededAmountCents())
                    .isEqualTo(250);
        } finally {
            this.faults.off("tenth");
        }
    }

    @Test
    void tokenTheProviderRefusesFailsAtOnce() {
        PaymentView payment = this.payments.charge(UUID.randomUUID(), "erin", 999, "tok_unknown");
        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.attempts()).isEqualTo(1);
        assertThat(payment.failureReason()).isEqualTo("provider refused the charge: HTTP 400 invalid-token");
    }

    @Test
    void cancelBeforeChargeLeavesATombstoneThatRefusesALateCharge() {
        UUID order = UUID.randomUUID();
        Ledger before = provider.ledger();
        PaymentView cancelled = this.payments.cancel(order);
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(cancelled.failureReason()).isEqualTo("cancelled before charge");
        PaymentView late = this.payments.charge(order, "frank", 1200, "tok_visa");
        assertThat(late).isEqualTo(cancelled);
        assertThat(this.payments.cancel(order)).isEqualTo(cancelled);
        assertThat(provider.ledger()).isEqualTo(before);
        assertThat(provider.charge(order)).isEmpty();
    }

    @Test
    void cancelAfterCaptureAnswersTheCapture() {
        UUID order = UUID.randomUUID();
        PaymentView captured = this.payments.charge(order, "grace", 300, "tok_mastercard");
        assertThat(this.payments.cancel(order)).isEqualTo(captured);
    }

    @Test
    void customersSeeOnlyTheirOwnPayments() {
        UUID order = UUID.randomUUID();
        PaymentView payment = this.payments.charge(order, "heidi", 800, "tok_visa");
        PaymentView seen = this.http
                .get()
                .uri("/api/payments?orderId={order}", order)
                .header("X-Customer-Id", "heidi")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PaymentView.class)
                .returnResult()
                .getResponseBody();
        assertThat(seen).isEqualTo(payment);
        publicProblem(order.toString(), "mallory", 404, "not-found");
        publicProblem(UUID.randomUUID().toString(), "heidi", 404, "not-found");
        publicProblem(order.toString(), null, 400, null);
        publicProblem(order.toString(), "bad customer!", 400, null);
        publicProblem("not-a-uuid", "heidi", 400, null);
        this.http
                .get()
                .uri("/api/payments")
                .header("X-Customer-Id", "heidi")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"amountCents\":0",
                "\"amountCents\":100000001",
                "\"amountCents\":null",
                "\"currency\":\"eur\"",
                "\"currency\":\"EURO\"",
                "\"customerId\":\"\"",
                "\"customerId\":null",
                "\"customerId\":\"%65\"",
                "\"cardToken\":\"\"",
                "\"cardToken\":\"%101\"",
                "\"orderId\":\"nope\"",
                "\"orderId\":null",
                "\"amountCents\":\"lots\""
            })
    void badChargeRequestIsBadRequestAndWritesNothing(String override) {
        UUID order = UUID.randomUUID();
        String field = override.substring(1, override.indexOf('"', 1));
        String value = override.substring(override.indexOf(':') + 1);
        if (value.startsWith("\"%")) {
            value = "\"" + "x".repeat(Integer.parseInt(value.substring(2, value.length() - 1))) + "\"";
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of(
                "orderId",
                "\"" + order + "\"",
                "customerId",
                "\"ivan\"",
                "amountCents",
                "100",
                "currency",
                "\"EUR\"",
                "cardToken",
                "\"tok_visa\""));
        fields.put(field, value);
        String json = fields.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        Ledger before = provider.ledger();
        postProblem("/internal/payments", json, 400);
        assertThat(this.jdbc.queryForObject("select count(*) from payment where order_id = ?", Long.class, order))
                .isZero();
        assertThat(provider.ledger()).isEqualTo(before);
    }

    @Test
    void malformedRequestsAreBadRequests() {
        postProblem("/internal/payments", "not json", 400);
        postProblem("/internal/payments/not-a-uuid/cancel", "", 400);
        this.http
                .get()
                .uri("/internal/payments/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest();
        this.http
                .get()
                .uri("/internal/payments/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void publishesItsOpenApiDocumentAndResilienceMetrics() {
        this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        String metrics = this.http
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics).contains("resilience4j_circuitbreaker_state").contains("name=\"provider\"");
    }

    private PaymentView get(String uri) {
        return this.http
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PaymentView.class)
                .returnResult()
                .getResponseBody();
    }

    private void publicProblem(String order, String customer, int status, String kind) {
        var body = this.http
                .get()
                .uri("/api/payments?orderId={order}", order)
                .headers(h -> {
                    if (customer != null) {
                        h.set("X-Customer-Id", customer);
                    }
                })
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (kind != null) {
            body.jsonPath("$.type").isEqualTo("https://odd-shop.dev/problems/" + kind);
        }
    }

    private void postProblem(String uri, String json, int status) {
        this.http
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status);
    }

    private String providerChargeId(UUID order) {
        return this.jdbc.queryForObject(
                "select provider_charge_id from payment where order_id = ?", String.class, order);
    }
}
