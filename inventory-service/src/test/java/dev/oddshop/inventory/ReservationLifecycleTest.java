package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.inventory.reservation.ReservationStatus;
import dev.oddshop.inventory.reservation.ReservationView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** Reserve, commit and release through the internal API. Products 201..220. */
class ReservationLifecycleTest extends InventoryTestSupport {

    @Test
    void reserveIsIdempotentAndCommitTakesStockOutOfTheShop() {
        setStock(201, 10);
        setStock(202, 10);
        UUID order = UUID.randomUUID();
        Object body = items(Map.of(202L, 2, 201L, 3));

        ReservationView created = view(reserve(order, body).expectStatus().isCreated());
        assertThat(created.orderId()).isEqualTo(order);
        assertThat(created.status()).isEqualTo(ReservationStatus.ACTIVE);
        assertThat(created.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(600));
        assertThat(created.items()).containsExactly(new ReservationView.Item(201, 3), new ReservationView.Item(202, 2));
        assertStock(201, 7, 3);
        assertStock(202, 8, 2);

        ReservationView again = view(reserve(order, body).expectStatus().isOk());
        assertThat(again).isEqualTo(created);
        assertThat(reservation(order)).isEqualTo(created);
        assertStock(201, 7, 3);

        ReservationView committed = view(post(order, "commit").expectStatus().isOk());
        assertThat(committed.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertStock(201, 7, 0);
        assertStock(202, 8, 0);
        assertThat(view(post(order, "commit").expectStatus().isOk()).status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(view(reserve(order, body).expectStatus().isOk()).status()).isEqualTo(ReservationStatus.COMMITTED);
        assertStock(201, 7, 0);

        assertProblem(post(order, "release"), 409, "reservation-committed");
        assertStock(201, 7, 0);
    }

    @Test
    void releaseGivesTheStockBackAndClosesTheReservation() {
        setStock(203, 10);
        UUID order = UUID.randomUUID();
        reserve(order, items(Map.of(203L, 4))).expectStatus().isCreated();
        assertStock(203, 6, 4);

        assertThat(view(post(order, "release").expectStatus().isOk()).status()).isEqualTo(ReservationStatus.RELEASED);
        assertStock(203, 10, 0);
        assertThat(view(post(order, "release").expectStatus().isOk()).status()).isEqualTo(ReservationStatus.RELEASED);
        assertStock(203, 10, 0);

        assertProblem(post(order, "commit"), 409, "reservation-closed");
        assertProblem(reserve(order, items(Map.of(203L, 4))), 409, "reservation-closed");
        assertStock(203, 10, 0);
    }

    @Test
    void releaseOfAnUnknownOrderRefusesItsLateReservation() {
        setStock(204, 10);
        UUID order = UUID.randomUUID();
        ReservationView tombstone = view(post(order, "release").expectStatus().isOk());
        assertThat(tombstone.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(tombstone.items()).isEmpty();
        // ISO-8601 text, not epoch numbers, so other services need no Jackson settings to read it
        this.http
                .get()
                .uri("/internal/reservations/{id}", order)
                .exchange()
                .expectBody()
                .jsonPath("$.expiresAt")
                .value(expiresAt -> assertThat(expiresAt).isInstanceOf(String.class));

        assertProblem(reserve(order, items(Map.of(204L, 1))), 409, "reservation-closed");
        assertStock(204, 10, 0);
    }

    @Test
    void insufficientStockOnOneLineReservesNothing() {
        setStock(205, 10);
        setStock(206, 1);
        setStock(207, 10);
        UUID order = UUID.randomUUID();
        reserve(order, items(Map.of(205L, 5, 206L, 2, 207L, 5)))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/insufficient-stock")
                .jsonPath("$.productId")
                .isEqualTo(206)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("206"));
        assertStock(205, 10, 0);
        assertStock(206, 1, 0);
        assertStock(207, 10, 0);
        this.http
                .get()
                .uri("/internal/reservations/{id}", order)
                .exchange()
                .expectStatus()
                .isNotFound();

        // nothing was kept, so the same order may try again
        reserve(order, items(Map.of(205L, 5, 206L, 1))).expectStatus().isCreated();
        assertStock(205, 5, 5);
        assertStock(206, 0, 1);
    }

    @Test
    void unknownProductIsNotFoundAndReservesNothing() {
        setStock(208, 10);
        UUID order = UUID.randomUUID();
        assertProblem(reserve(order, items(Map.of(208L, 1, 999_999L, 1))), 404, "not-found");
        assertStock(208, 10, 0);
        this.http
                .get()
                .uri("/internal/reservations/{id}", order)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void unknownReservationIsNotFound() {
        UUID order = UUID.randomUUID();
        assertProblem(post(order, "commit"), 404, "not-found");
        assertProblem(this.http.get().uri("/internal/reservations/{id}", order).exchange(), 404, "not-found");
        assertProblem(this.http.get().uri("/internal/reservations/not-a-uuid").exchange(), 400, "bad-request");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"items\":[]}",
                "{\"items\":null}",
                "{\"items\":[null]}",
                "{\"items\":[{\"productId\":210}]}",
                "{\"items\":[{\"quantity\":1}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":0}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":101}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":-1}]}",
                "{\"items\":[{\"productId\":-210,\"quantity\":1}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":\"two\"}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":99999999999999999999}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":1},{\"productId\":210,\"quantity\":2}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":1}],\"ttlSeconds\":0}",
                "{\"items\":[{\"productId\":210,\"quantity\":1}],\"ttlSeconds\":3601}",
                "{\"items\":[{\"productId\":210,\"quantity\":1.5}]}",
                "{\"items\":[{\"productId\":210,\"quantity\":1}],\"ttlSeconds\":\"soon\"}",
                "{\"items\":{\"productId\":210}}",
                "{\"items\":[",
                "null",
                ""
            })
    void badRequestsAreRefusedAndReserveNothing(String body) {
        setStock(210, 10);
        UUID order = UUID.randomUUID();
        this.http
                .put()
                .uri("/internal/reservations/{id}", order)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertStock(210, 10, 0);
        this.http
                .get()
                .uri("/internal/reservations/{id}", order)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void tooManyItemsIsBadRequest() {
        List<Map<String, Object>> items = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> Map.<String, Object>of("productId", 1000 + i, "quantity", 1))
                .toList();
        assertProblem(reserve(UUID.randomUUID(), Map.of("items", items)), 400, "bad-request");
        assertThat(stock(1001).reserved()).isZero();
    }

    @Test
    void badOrderIdIsBadRequest() {
        this.http
                .put()
                .uri("/internal/reservations/123")
                .contentType(MediaType.APPLICATION_JSON)
                .body(items(Map.of(211L, 1)))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    static Map<String, Object> items(Map<Long, Integer> quantities) {
        return Map.of(
                "items",
                quantities.entrySet().stream()
                        .map(e -> Map.of("productId", e.getKey(), "quantity", e.getValue()))
                        .toList());
    }

    static Map<String, Object> items(Map<Long, Integer> quantities, int ttlSeconds) {
        return Map.of("items", items(quantities).get("items"), "ttlSeconds", ttlSeconds);
    }
}
