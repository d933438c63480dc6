package dev.oddshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.inventory.stock.StockView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** The public stock API and its admin guard. Products 40..60 and 5000. */
class StockApiTest extends InventoryTestSupport {

    @Test
    void seedsEveryCatalogueProductWithVariedStock() {
        assertThat(stock(42)).isEqualTo(new StockView(42, 20 + (42 * 37 % 180), 0));
        assertThat(stock(1).available()).isNotEqualTo(stock(2).available());
        assertThat(stock(2400).available()).isBetween(20, 199);
    }

    @Test
    void unknownProductIsNotFound() {
        assertProblem(this.http.get().uri("/api/inventory/stock/999999").exchange(), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "0", "99999999999999999999999"})
    void badProductIdIsBadRequest(String id) {
        assertProblem(this.http.get().uri("/api/inventory/stock/" + id).exchange(), 400, "bad-request");
    }

    @Test
    void settingStockNeedsTheAdminToken() {
        this.http
                .put()
                .uri("/api/inventory/stock/43")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"available\":5}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/unauthorized");
        this.http
                .put()
                .uri("/api/inventory/stock/43")
                .header("Authorization", "Bearer wrong")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"available\":5}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(stock(43).available()).isEqualTo(20 + (43 * 37 % 180));
    }

    @Test
    void adminSetsAvailableStock() {
        assertThat(setStock(44, 7)).isEqualTo(new StockView(44, 7, 0));
        assertStock(44, 7, 0);
        assertThat(setStock(44, 0)).isEqualTo(new StockView(44, 0, 0));
        assertThat(setStock(44, 1_000_000).available()).isEqualTo(1_000_000);
    }

    @Test
    void settingStockOfANewProductCreatesIt() {
        assertThat(setStock(5000, 3)).isEqualTo(new StockView(5000, 3, 0));
        assertStock(5000, 3, 0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"available\":null}",
                "{\"available\":-1}",
                "{\"available\":1000001}",
                "{\"available\":\"many\"}",
                "{\"available\":99999999999999}",
                "{\"available\":2.5}",
                "{\"available\":",
                "not json",
                "[]",
                ""
            })
    void badBodiesAreRefusedAndChangeNothing(String body) {
        int before = stock(45).available();
        this.http
                .put()
                .uri("/api/inventory/stock/45")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
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
        assertStock(45, before, 0);
    }

    @Test
    void publishesItsOpenApiDocument() {
        this.http
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/inventory/stock/{productId}']")
                .exists();
    }
}
