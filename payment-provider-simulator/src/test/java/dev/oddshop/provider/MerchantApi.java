package dev.oddshop.provider;

import dev.oddshop.provider.charge.Charge;
import dev.oddshop.provider.charge.Ledger;
import dev.oddshop.provider.charge.Refund;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The simulator's merchant API as the tests call it over HTTP: charges, refunds, problems and the ledger. */
record MerchantApi(RestTestClient http) {

    static final String CHARGES = "/v1/charges";

    static final String REFUNDS = "/v1/refunds";

    /** A charge under {@code key}, answered with {@code status}. */
    Charge charge(String key, Map<String, Object> body, int status) {
        return post(CHARGES, key, body)
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Charge.class)
                .returnResult()
                .getResponseBody();
    }

    /** A charge in EUR under a key of its own. */
    Charge charge(long amountCents, String token) {
        return charge(UUID.randomUUID().toString(), chargeBody(amountCents, "EUR", token), 200);
    }

    /** A refund the provider makes. */
    Refund refund(String key, String chargeId, long amountCents) {
        return post(REFUNDS, key, refundBody(chargeId, amountCents))
                .expectStatus()
                .isOk()
                .expectBody(Refund.class)
                .returnResult()
                .getResponseBody();
    }

    /** A request to {@code path} refused with a problem of {@code status} and, unless null, this type. */
    void problem(String path, String key, Map<String, Object> body, int status, String type) {
        var spec = post(path, key, body)
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (type != null) {
            spec.jsonPath("$.type").isEqualTo("https://odd-shop.dev/problems/" + type);
        }
    }

    Ledger ledger() {
        return this.http
                .get()
                .uri("/v1/ledger")
                .exchange()
                .expectBody(Ledger.class)
                .returnResult()
                .getResponseBody();
    }

    private RestTestClient.ResponseSpec post(String path, String key, Map<String, Object> body) {
        return this.http
                .post()
                .uri(path)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    static Map<String, Object> chargeBody(long amountCents, String currency, String source) {
        return Map.of("amountCents", amountCents, "currency", currency, "source", source, "reference", "order-1");
    }

    static Map<String, Object> refundBody(String chargeId, long amountCents) {
        return Map.of("charge", chargeId, "amountCents", amountCents);
    }
}
