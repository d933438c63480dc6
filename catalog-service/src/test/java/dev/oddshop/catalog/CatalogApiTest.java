package dev.oddshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.catalog.product.Categories;
import dev.oddshop.catalog.product.ProductPage;
import dev.oddshop.catalog.product.ProductView;
import dev.oddshop.launcher.EmbeddedPostgresServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The catalogue API over real HTTP on a real PostgreSQL seeded by Flyway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CatalogApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("catalog"));
    }

    @Autowired
    RestTestClient http;

    @Test
    void seedsAtLeastTwoThousandProductsInSeveralCategories() {
        ProductPage all = search("/api/catalog/products?size=100");
        assertThat(all.total()).isGreaterThanOrEqualTo(2000);
        assertThat(all.items()).hasSize(100);
        ProductPage books = search("/api/catalog/products?category=books&size=5");
        assertThat(books.total()).isBetween(100L, all.total() - 100);
        assertThat(books.items()).allSatisfy(p -> assertThat(p.category()).isEqualTo("books"));
    }

    @Test
    void listsEveryCategoryOnceInOrder() {
        Categories categories = this.http
                .get()
                .uri("/api/catalog/categories")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .expectBody(Categories.class)
                .returnResult()
                .getResponseBody();
        assertThat(categories.categories())
                .contains("books")
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(categories.categories())
                .allSatisfy(category -> assertThat(search("/api/catalog/products?size=1&category=" + category)
                                .total())
                        .isPositive());
    }

    @Test
    void searchesByNameCaseInsensitivelyWithPaging() {
        ProductPage first = search("/api/catalog/products?q=HEADPHONES&size=10&page=0");
        ProductPage second = search("/api/catalog/products?q=headphones&size=10&page=1");
        assertThat(first.total()).isGreaterThan(10).isEqualTo(second.total());
        assertThat(first.items()).allSatisfy(p -> assertThat(p.name()).containsIgnoringCase("headphones"));
        assertThat(first.items().getLast().id())
                .isLessThan(second.items().getFirst().id());
    }

    @Test
    void likeWildcardsInTheQueryAreLiteral() {
        assertThat(search("/api/catalog/products?q=%25").total()).isZero();
    }

    @Test
    void returnsOneProductWithItsPrice() {
        ProductView product = this.http
                .get()
                .uri("/api/catalog/products/42")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ProductView.class)
                .returnResult()
                .getResponseBody();
        assertThat(product.id()).isEqualTo(42);
        assertThat(product.priceCents()).isPositive();
        assertThat(product.currency()).isEqualTo("EUR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/catalog/products/999999", "/api/catalog/nothing-here"})
    void unknownIsNotFoundProblem(String uri) {
        this.http
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/not-found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/catalog/products?size=101",
                "/api/catalog/products?size=0",
                "/api/catalog/products?page=-1",
                "/api/catalog/products?size=abc",
                "/api/catalog/products/abc",
                "/api/catalog/products/-5",
                "/api/catalog/products?category=DROP%20TABLE"
            })
    void badInputIsBadRequestProblem(String uri) {
        this.http
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400);
    }

    @Test
    void actuatorShowsHealthAndPrometheusButGuardsTheRest() {
        this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        this.http
                .get()
                .uri("/actuator/env")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ProductPage search(String uri) {
        return this.http
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ProductPage.class)
                .returnResult()
                .getResponseBody();
    }
}
