package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * Every service's OpenAPI document as the running platform serves it: the public services'
 * through the gateway (where Swagger UI at /docs lists them beside the gateway's own), the
 * provider simulator's from itself. Redocly CLI's recommended rules (api-lint/, run with Node.js)
 * find no error in any of them; Swagger UI at /docs lists them all in a real browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class ApiDocsIT {

    private static final Path API_LINT = Runbooks.ROOT.resolve("api-lint");

    /** The documents Swagger UI lists at the gateway, by name, and where each is served there. */
    private static final Map<String, String> AT_THE_GATEWAY = Map.of(
            "gateway", "/v3/api-docs",
            "catalog-service", "/docs/catalog-service/openapi.json",
            "inventory-service", "/docs/inventory-service/openapi.json",
            "order-service", "/docs/order-service/openapi.json",
            "payment-service", "/docs/payment-service/openapi.json");

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();

    private TestPlatform platform;

    @BeforeAll
    void fetchEveryDocument(TestPlatform platform) {
        this.platform = platform;
        AT_THE_GATEWAY.forEach((name, path) -> this.documents.put(name, document(platform.api(), path)));
        this.documents.put(
                ShopService.PAYMENT_PROVIDER.module(),
                document(platform.direct(ShopService.PAYMENT_PROVIDER), "/v3/api-docs"));
    }

    @Test
    void everyDocumentSaysWhatItIsAndEveryOperationWhatItDoes() {
        this.documents.forEach((name, document) -> {
            assertThat(document.path("info").path("title").asString())
                    .as(name)
                    .isNotBlank()
                    .isNotEqualTo("OpenAPI definition");
            assertThat(document.path("info").path("version").asString())
                    .as(name)
                    .isNotEqualTo("v0");
            assertThat(document.path("info").path("description").asString())
                    .as(name)
                    .isNotBlank();
            document.path("paths").properties().forEach(path -> {
                assertThat(path.getKey()).as(name + ": public paths only").doesNotStartWith("/internal");
                path.getValue()
                        .properties()
                        .forEach(operation -> assertThat(
                                        operation.getValue().path("summary").asString())
                                .as(name + " " + operation.getKey() + " " + path.getKey())
                                .isNotBlank());
            });
        });
        // the customer's routes need the session, the admin's the token, the catalogue neither
        assertThat(security(this.documents.get("order-service"), "/api/orders/{orderId}", "get"))
                .containsExactlyInAnyOrder("session", "sessionCookie");
        assertThat(security(this.documents.get("gateway"), "/admin/faults", "get"))
                .containsExactly("admin");
        assertThat(security(this.documents.get("catalog-service"), "/api/catalog/products", "get"))
                .isEmpty();
        assertThat(this.documents
                        .get("order-service")
                        .path("paths")
                        .path("/api/orders/carts/{cartId}/checkout")
                        .path("post")
                        .path("responses")
                        .path("409")
                        .path("content")
                        .has("application/problem+json"))
                .isTrue();
    }

    @Test
    void redoclysRecommendedRulesFindNoError() throws IOException {
        NodeTools.install(API_LINT, "@redocly/cli");
        Path out = Runbooks.ROOT.resolve("platform-tests/target/api-docs");
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of("node_modules/.bin/redocly", "lint"));
        for (Map.Entry<String, JsonNode> document : this.documents.entrySet()) {
            Path file = out.resolve(document.getKey() + ".json");
            Files.writeString(file, document.getValue().toString());
            command.add(file.toString());
        }
        // redocly exits non-zero on an error; a warning only shows in its report, and none may
        String report = NodeTools.run(API_LINT, 180, command.toArray(String[]::new));
        assertThat(report).as(report).doesNotContain("Warning was generated");
    }

    @Test
    void swaggerUiAtTheGatewayListsEveryDocument() {
        ShopApi.Reply page = this.platform.api().get("/docs");
        assertThat(page.status()).as("Swagger UI at /docs, or a redirect to it").isIn(200, 302, 303, 307);
        ShopApi.Reply config = this.platform.api().get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        List<String> urls = new ArrayList<>();
        config.body().path("urls").forEach(url -> urls.add(url.path("url").asString()));
        assertThat(urls).containsExactlyInAnyOrderElementsOf(AT_THE_GATEWAY.values());
    }

    @Test
    void swaggerUiListsEveryDocumentInABrowserUnderThePagePolicy() {
        try (Browser browser =
                Browser.open(this.platform.url(ShopService.GATEWAY)).go("/docs")) {
            // the first document of the list, by name
            browser.awaitText(".swagger-ui .info .title", "ODD Shop catalog API");
            assertThat(browser.all(".topbar select option"))
                    .extracting(WebElement::getText)
                    .containsExactlyInAnyOrderElementsOf(AT_THE_GATEWAY.keySet().stream()
                            .map(name -> name.equals("gateway") ? "gateway (sessions, control room, faults)" : name)
                            .toList());
            browser.screenshot("api-docs");
        }
    }

    private static JsonNode document(ShopApi api, String path) {
        ShopApi.Reply reply = api.get(path);
        assertThat(reply.status()).as(api.baseUrl() + path + "\n" + reply.raw()).isEqualTo(200);
        return reply.body();
    }

    private static List<String> security(JsonNode document, String path, String method) {
        List<String> schemes = new ArrayList<>();
        document.path("paths")
                .path(path)
                .path(method)
                .path("security")
                .forEach(requirement -> requirement.propertyNames().forEach(schemes::add));
        return schemes;
    }
}
