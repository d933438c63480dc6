package dev.oddshop.provider;

import static dev.oddshop.provider.MerchantApi.CHARGES;
import static dev.oddshop.provider.MerchantApi.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.provider.charge.Charge;
import dev.oddshop.provider.charge.ChargeStatus;
import dev.oddshop.provider.charge.Ledger;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The processor's merchant API over real HTTP, without processing latency. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.simulator.latency.mean=0ms",
            "shop.simulator.latency.jitter=0ms",
            "shop.admin.token=sim-test-token"
        })
@AutoConfigureRestTestClient
class ChargeApiTest {

    private final RestTestClient http;

    private final MerchantApi api;

    ChargeApiTest(@Autowired RestTestClient http) {
        this.http = http;
        this.api = new MerchantApi(http);
    }

    @Test
    void approvesAGoodCard() {
        String key = UUID.randomUUID().toString();
        this.http
                .post()
                .uri("/v1/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(chargeBody(1999, "EUR", "tok_visa"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .value(id -> assertThat((String) id).startsWith("ch_"))
                .jsonPath("$.status")
                .isEqualTo("succeeded")
                .jsonPath("$.amountCents")
                .isEqualTo(1999)
                .jsonPath("$.currency")
                .isEqualTo("EUR")
                .jsonPath("$.declineCode")
                .isEmpty()
                .jsonPath("$.createdAt")
                .isNotEmpty();
        assertThat(this.api
                        .charge(key + "-mc", chargeBody(500, "USD", "tok_mastercard"), 200)
                        .status())
                .isEqualTo(ChargeStatus.SUCCEEDED);
    }

    @ParameterizedTest
    @CsvSource({"tok_declined, card_declined", "tok_insufficient_funds, insufficient_funds", "tok_expired, expired_card"
    })
    void declinesWithTheCardsCode(String token, String code) {
        Charge charge = this.api.charge(UUID.randomUUID().toString(), chargeBody(100, "EUR", token), 200);
        assertThat(charge.status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(charge.declineCode()).isEqualTo(code);
    }

    @Test
    void replaysTheSameChargeForTheSameKey() {
        String key = UUID.randomUUID().toString();
        Ledger before = this.api.ledger();
        Charge first = this.api.charge(key, chargeBody(700, "EUR", "tok_visa"), 200);
        Charge second = this.http
                .post()
                .uri("/v1/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(chargeBody(700, "EUR", "tok_visa"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(Charge.class)
                .returnResult()
                .getResponseBody();
        assertThat(second).isEqualTo(first);
        Ledger after = this.api.ledger();
        assertThat(after.charges() - before.charges()).isEqualTo(1);
        assertThat(after.succeededAmountCents() - before.succeededAmountCents()).isEqualTo(700);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount", "currency", "source"})
    void refusesAKeyReusedForADifferentCharge(String changed) {
        String key = UUID.randomUUID().toString();
        this.api.charge(key, chargeBody(700, "EUR", "tok_visa"), 200);
        Map<String, Object> other = switch (changed) {
            case "amount" -> chargeBody(701, "EUR", "tok_visa");
            case "currency" -> chargeBody(700, "USD", "tok_visa");
            default -> chargeBody(700, "EUR", "tok_mastercard");
        };
        this.api.problem(CHARGES, key, other, 422, "idempotency-key-reused");
    }

    @Test
    void processingErrorRecordsNoCharge() {
        String key = UUID.randomUUID().toString();
        Ledger before = this.api.ledger();
        this.api.problem(CHARGES, key, chargeBody(100, "EUR", "tok_error"), 500, "processing-error");
        this.api.problem(CHARGES, key, chargeBody(100, "EUR", "tok_error"), 500, "processing-error");
        assertThat(this.api.ledger()).isEqualTo(before);
        lookup(key).expectStatus().isNotFound();
    }

    @Test
    void looksUpAChargeByItsIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        lookup(key)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        Charge charge = this.api.charge(key, chargeBody(300, "EUR", "tok_declined"), 200);
        Charge found = lookup(key)
                .expectStatus()
                .isOk()
                .expectBody(Charge.class)
                .returnResult()
                .getResponseBody();
        assertThat(found).isEqualTo(charge);
    }

    @Test
    void unknownTokenIsInvalidToken() {
        Ledger before = this.api.ledger();
        this.api.problem(
                CHARGES, UUID.randomUUID().toString(), chargeBody(100, "EUR", "tok_nope"), 400, "invalid-token");
        assertThat(this.api.ledger()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"amountCents\":0,\"currency\":\"EUR\",\"source\":\"tok_visa\"}",
                "{\"amountCents\":100000001,\"currency\":\"EUR\",\"source\":\"tok_visa\"}",
                "{\"currency\":\"EUR\",\"source\":\"tok_visa\"}",
                "{\"amountCents\":100,\"currency\":\"eur\",\"source\":\"tok_visa\"}",
                "{\"amountCents\":100,\"currency\":\"EURO\",\"source\":\"tok_visa\"}",
                "{\"amountCents\":100,\"currency\":\"EUR\",\"source\":\"\"}",
                "{\"amountCents\":100,\"currency\":\"EUR\",\"source\":\"tok_visa\",\"reference\":\"%s\"}",
                "{\"amountCents\":\"lots\",\"currency\":\"EUR\",\"source\":\"tok_visa\"}",
                "not json"
            })
    void badBodyIsBadRequest(String json) {
        Ledger before = this.api.ledger();
        String body = json.contains("%s") ? json.formatted("r".repeat(101)) : json;
        this.http
                .post()
                .uri("/v1/charges")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
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

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankOrMissingIdempotencyKeyIsBadRequest(String key) {
        this.http
                .post()
                .uri("/v1/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(chargeBody(100, "EUR", "tok_visa"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        this.http
                .post()
                .uri("/v1/charges")
                .contentType(MediaType.APPLICATION_JSON)
                .body(chargeBody(100, "EUR", "tok_visa"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        this.api.problem(CHARGES, "k".repeat(101), chargeBody(100, "EUR", "tok_visa"), 400, null);
    }

    @Test
    void lookupNeedsAKey() {
        this.http.get().uri("/v1/charges").exchange().expectStatus().isBadRequest();
        this.http
                .get()
                .uri("/v1/charges?idempotencyKey=" + "k".repeat(101))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void publishesItsOpenApiDocumentAndHealth() {
        this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void aDeclineFaultDeclinesGoodCardsWhileAnsweringOk() {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", "Bearer sim-test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "declines", "kind", "DECLINE", "point", "provider.charge"))
                .exchange()
                .expectStatus()
                .isCreated();
        try {
            Charge declined = this.api.charge(UUID.randomUUID().toString(), chargeBody(100, "EUR", "tok_visa"), 200);
            assertThat(declined.status()).isEqualTo(ChargeStatus.DECLINED);
            assertThat(declined.declineCode()).isEqualTo("do_not_honor");
        } finally {
            this.http
                    .delete()
                    .uri("/admin/faults/declines")
                    .header("Authorization", "Bearer sim-test-token")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(this.api
                        .charge(UUID.randomUUID().toString(), chargeBody(100, "EUR", "tok_visa"), 200)
                        .status())
                .isEqualTo(ChargeStatus.SUCCEEDED);
    }

    private RestTestClient.ResponseSpec lookup(String key) {
        return this.http.get().uri("/v1/charges?idempotencyKey={key}", key).exchange();
    }
}
