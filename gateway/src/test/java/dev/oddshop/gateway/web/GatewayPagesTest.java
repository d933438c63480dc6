package dev.oddshop.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pages the gateway serves, and their settings, over real HTTP (the browser tests are in platform-tests). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.admin.token=gateway-pages-test-token",
            "shop.session.signing-key=gateway-pages-test-session-key-0123456789",
            "shop.web.grafana-url=http://localhost:3000",
            "shop.web.runbooks-url= "
        })
class GatewayPagesTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/product.html", "/cart.html", "/order.html", "/control", "/control/"})
    void everyPageIsServedUnderAPolicyThatRunsOnlyTheGatewaysScripts(String path) throws Exception {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                        .doesNotContain("script-src"));
        assertThat(page.body()).contains("<html lang=\"en\"").doesNotContain("<script>", "style=\"");
    }

    @Test
    void theSettingsNameGrafanaAndNoRunbookAddressWhenNoneIsSet() throws Exception {
        HttpResponse<String> answer = get("/web-config.json");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode config = JsonMapper.builder().build().readTree(answer.body());
        assertThat(config.path("grafanaUrl").asString()).isEqualTo("http://localhost:3000");
        assertThat(config.path("runbooksUrl").isNull()).isTrue();
        assertThat(config.path("dashboards").findValuesAsString("uid"))
                .contains("checkout-incident", "slos", "service-red", "jvm-resources");
        assertThat(config.path("browserTelemetry").path("enabled").asBoolean()).isFalse();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
