package dev.oddshop.payment;

import dev.oddshop.payment.charge.PaymentView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The internal payment API as order-service calls it, and the attempts as they were recorded. */
@TestComponent
class InternalPayments {

    private final RestTestClient http;

    private final JdbcTemplate jdbc;

    InternalPayments(RestTestClient http, JdbcTemplate jdbc) {
        this.http = http;
        this.jdbc = jdbc;
    }

    PaymentView charge(UUID order, String customer, long amountCents, String token) {
        return this.http
                .post()
                .uri("/internal/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "orderId",
                        order,
                        "customerId",
                        customer,
                        "amountCents",
                        amountCents,
                        "currency",
                        "EUR",
                        "cardToken",
                        token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(PaymentView.class)
                .returnResult()
                .getResponseBody();
    }

    PaymentView cancel(UUID order) {
        return ok(
                this.http.post().uri("/internal/payments/{order}/cancel", order).exchange());
    }

    PaymentView refund(UUID order) {
        return ok(refunding(order));
    }

    /** A refund that answers a problem of this status and kind. */
    void refundProblem(UUID order, int status, String kind) {
        refunding(order)
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/" + kind);
    }

    private RestTestClient.ResponseSpec refunding(UUID order) {
        return this.http.post().uri("/internal/payments/{order}/refund", order).exchange();
    }

    PaymentView get(UUID order) {
        return ok(this.http.get().uri("/internal/payments/{order}", order).exchange());
    }

    List<String> attemptOutcomes(PaymentView payment) {
        return this.jdbc.queryForList(
                "select outcome from payment_attempt where payment_id = ? order by attempt_no",
                String.class,
                payment.paymentId());
    }

    private static PaymentView ok(RestTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isOk()
                .expectBody(PaymentView.class)
                .returnResult()
                .getResponseBody();
    }
}
