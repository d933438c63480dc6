package dev.oddshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.catalog.product.ProductPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The migrations and the search on the PostgreSQL image that docker-compose.yml runs. Where no
 * Docker engine answers (as on our build machines) this is skipped; the same checks run on the
 * embedded PostgreSQL in {@link CatalogApiTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CatalogOnPostgresContainerTest {

    @Container
    @ServiceConnection
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(composePostgresImage());

    @Autowired
    RestTestClient http;

    /** The image tag is pinned once, in docker-compose.yml. */
    private static String composePostgresImage() {
        try (var lines = Files.lines(Path.of("../docker-compose.yml"))) {
            return lines.map(String::strip)
                    .filter(line -> line.startsWith("image: postgres:"))
                    .map(line -> line.substring("image: ".length()))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void migratesSeedsAndSearches() {
        ProductPage page = this.http
                .get()
                .uri("/api/catalog/products?q=kettle&size=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ProductPage.class)
                .returnResult()
                .getResponseBody();
        assertThat(page.total()).isPositive();
        assertThat(page.items()).allSatisfy(p -> assertThat(p.name()).containsIgnoringCase("kettle"));
    }
}
