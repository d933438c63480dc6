package dev.oddshop.provider;

import static dev.oddshop.provider.MerchantApi.REFUNDS;
import static dev.oddshop.provider.MerchantApi.refundBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.provider.charge.Charge;
import dev.oddshop.provider.charge.ChargeStatus;
import dev.oddshop.provider.charge.Ledger;
import dev.oddshop.provider.charge.Refund;
import dev.oddshop.provider.charge.RefundStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Refunds over real HTTP: at most once per key, never more than the charge, only of a succeeded one. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.simulator.latency.mean=0ms",
            "shop.simulator.latency.jitter=0ms",
            "shop.admin.token=sim-test-token"
        })
@AutoConfigureRestTestClient
class RefundApiTest {

    private final RestTestClient http;

    private final MerchantApi api;

    RefundApiTest(@Autowired RestTestClient http) {
        this.http = http;
        this.api = new MerchantApi(http);
    }

    @Test
    void refundsACapturedCharge() {
        Charge charge = this.api.charge(1999, "tok_visa");
        Ledger before = this.api.ledger();
        this.http
                .post()
                .uri("/v1/refunds")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(refundBody(charge.id(), 1999))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Idempotent-Replayed")
                .expectBody()
                .jsonPath("$.id")
                .value(id -> assertThat((String) id).startsWith("re_"))
                .jsonPath("$.charge")
                .isEqualTo(charge.id())
                .jsonPath("$.status")
                .isEqualTo("succeeded")
                .jsonPath("$.amountCents")
                .isEqualTo(1999)
                .jsonPath("$.currency")
                .isEqualTo("EUR")
                .jsonPath("$.createdAt")
                .isNotEmpty();
        Ledger after = this.api.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(1999);
        // a refund gives money back; it takes nothing from what was charged
        assertThat(after.succeededAmountCents()).isEqualTo(before.succeededAmountCents());
    }

    @Test
    void replaysTheSameRefundForTheSameKeyAndRefundsOnce() {
        Charge charge = this.api.charge(700, "tok_visa");
        String key = UUID.randomUUID().toString();
        Ledger before = this.api.ledger();
        Refund first = this.api.refund(key, charge.id(), 700);
        Refund second = this.http
                .post()
                .uri("/v1/refunds")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(refundBody(charge.id(), 700))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(Refund.class)
                .returnResult()
                .getResponseBody();
        assertThat(second).isEqualTo(first);
        Ledger after = this.api.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(700);
    }

    @Test
    void concurrentReplaysRefundOnce() {
        Charge charge = this.api.charge(2500, "tok_visa");
        String key = UUID.randomUUID().toString();
        Ledger before = this.api.ledger();
        List<Refund> answers = concurrently(30, i -> this.api.refund(key, charge.id(), 2500));
        assertThat(answers)
                .extracting(Refund::id)
                .containsOnly(answers.getFirst().id());
        assertThat(answers).extracting(Refund::status).containsOnly(RefundStatus.SUCCEEDED);
        Ledger after = this.api.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(2500);
    }

    @Test
    void partialRefundsGoUpToTheChargeAndNotBeyond() {
        Charge charge = this.api.charge(1000, "tok_mastercard");
        Ledger before = this.api.ledger();
        assertThat(this.api
                        .refund(UUID.randomUUID().toString(), charge.id(), 300)
                        .amountCents())
                .isEqualTo(300);
        assertThat(this.api
                        .refund(UUID.randomUUID().toString(), charge.id(), 700)
                        .amountCents())
                .isEqualTo(700);
        String beyond = UUID.randomUUID().toString();
        this.api.problem(REFUNDS, beyond, refundBody(charge.id(), 1), 409, "refund-exceeds-charge");
        Ledger after = this.api.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(2);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(1000);
        // a refused refund records nothing under its key: it refuses again, still without a refund
        this.api.problem(REFUNDS, beyond, refundBody(charge.id(), 1), 409, "refund-exceeds-charge");
        assertThat(this.api.ledger()).isEqualTo(after);
    }

    @Test
    void aRefundOfMoreThanTheChargeIsRefused() {
        Charge charge = this.api.charge(500, "tok_visa");
        Ledger before = this.api.ledger();
        this.api.problem(
                REFUNDS, UUID.randomUUID().toString(), refundBody(charge.id(), 501), 409, "refund-exceeds-charge");
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @Test
    void concurrentRefundsUnderDifferentKeysNeverGiveBackMoreThanTheCharge() {
        Charge charge = this.api.charge(500, "tok_visa");
        Ledger before = this.api.ledger();
        List<Integer> statuses = concurrently(
                20,
                i -> this.http
                        .post()
                        .uri("/v1/refunds")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(refundBody(charge.id(), 100))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(5);
        Ledger after = this.api.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(5);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(500);
    }

    @Test
    void unknownChargeIsNotFound() {
        Ledger before = this.api.ledger();
        this.api.problem(
                REFUNDS, UUID.randomUUID().toString(), refundBody("ch_" + UUID.randomUUID(), 100), 404, "not-found");
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @Test
    void aDeclinedChargeIsNotRefundable() {
        Charge declined = this.api.charge(300, "tok_declined");
        assertThat(declined.status()).isEqualTo(ChargeStatus.DECLINED);
        Ledger before = this.api.ledger();
        this.api.problem(
                REFUNDS, UUID.randomUUID().toString(), refundBody(declined.id(), 300), 409, "charge-not-refundable");
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"charge", "amount"})
    void aKeyReusedForADifferentRefundIsAConflict(String changed) {
        Charge charge = this.api.charge(900, "tok_visa");
        Charge other = this.api.charge(900, "tok_visa");
        String key = UUID.randomUUID().toString();
        this.api.refund(key, charge.id(), 400);
        Ledger before = this.api.ledger();
        this.api.problem(
                REFUNDS,
                key,
                changed.equals("charge") ? refundBody(other.id(), 400) : refundBody(charge.id(), 401),
                422,
                "idempotency-key-reused");
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankOrMissingIdempotencyKeyIsBadRequest(String key) {
        Charge charge = this.api.charge(100, "tok_visa");
        Ledger before = this.api.ledger();
        this.api.problem(REFUNDS, key, refundBody(charge.id(), 100), 400, null);
        this.http
                .post()
                .uri("/v1/refunds")
                .contentType(MediaType.APPLICATION_JSON)
                .body(refundBody(charge.id(), 100))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        this.api.problem(REFUNDS, "k".repeat(101), refundBody(charge.id(), 100), 400, null);
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"charge\":\"%s\",\"amountCents\":0}",
                "{\"charge\":\"%s\",\"amountCents\":-5}",
                "{\"charge\":\"%s\"}",
                "{\"charge\":\"%s\",\"amountCents\":\"lots\"}",
                "{\"amountCents\":100}",
                "{\"charge\":\"\",\"amountCents\":100}",
                "{\"charge\":\"   \",\"amountCents\":100}",
                "not json"
            })
    void badBodyIsBadRequest(String json) {
        Charge charge = this.api.charge(100, "tok_visa");
        Ledger before = this.api.ledger();
        this.http
                .post()
                .uri("/v1/refunds")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.formatted(charge.id()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400);
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @Test
    void theLedgerTotalsChargesAndRefunds() {
        Ledger before = this.api.ledger();
        Charge good = this.api.charge(1200, "tok_visa");
        this.api.charge(800, "tok_insufficient_funds");
        this.api.refund(UUID.randomUUID().toString(), good.id(), 200);
        this.api.refund(UUID.randomUUID().toString(), good.id(), 300);
        Ledger after = this.api.ledger();
        assertThat(after)
                .isEqualTo(new Ledger(
                        before.charges() + 2,
                        before.succeeded() + 1,
                        before.succeededAmountCents() + 1200,
                        before.refunds() + 2,
                        before.refundedAmountCents() + 500));
        this.http
                .get()
                .uri("/v1/ledger")
                .exchange()
                .expectBody()
                .jsonPath("$.charges")
                .isNumber()
                .jsonPath("$.succeeded")
                .isNumber()
                .jsonPath("$.succeededAmountCents")
                .isNumber()
                .jsonPath("$.refunds")
                .isNumber()
                .jsonPath("$.refundedAmountCents")
                .isNumber();
    }

    @Test
    void anErrorFaultAtTheRefundPointFailsTheRefundWithoutRefunding() {
        Charge charge = this.api.charge(400, "tok_visa");
        String key = UUID.randomUUID().toString();
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", "Bearer sim-test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "refund-errors", "kind", "ERROR", "point", "provider.refund"))
                .exchange()
                .expectStatus()
                .isCreated();
        Ledger before = this.api.ledger();
        try {
            this.http
                    .post()
                    .uri("/v1/refunds")
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(refundBody(charge.id(), 400))
                    .exchange()
                    .expectStatus()
                    .is5xxServerError();
            assertThat(this.api.ledger()).isEqualTo(before);
        } finally {
            this.http
                    .delete()
                    .uri("/admin/faults/refund-errors")
                    .header("Authorization", "Bearer sim-test-token")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // the merchant's retry with the same key refunds, once
        assertThat(this.api.refund(key, charge.id(), 400).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(this.api.ledger().refunds() - before.refunds()).isEqualTo(1);
    }

    private <T> List<T> concurrently(int calls, IntFunction<T> call) {
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            List<CompletableFuture<T>> futures = IntStream.range(0, calls)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> call.apply(i), pool))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }
}
