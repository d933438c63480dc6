package dev.oddshop.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

    /**
     * A browser keeps its connection open between a page's files and its next call: a missing file
     * (the favicon) after another one and an idle moment left Reactor Netty 1.3.6 reading no more
     * from the connection, and the next call hung (reactor/reactor-netty#4347).
     */
    @Test
    void aKeptAliveConnectionAnswersTheNextCallAfterAMissingFileAndAPause() throws Exception {
        try (Socket connection = new Socket("localhost", this.port)) {
            connection.setSoTimeout(10_000);
            BufferedReader answers =
                    new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            Writer requests = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.ISO_8859_1);
            assertThat(exchange(requests, answers, "/js/http.js")).isEqualTo(200);
            assertThat(exchange(requests, answers, "/favicon.ico")).isEqualTo(404);
            Thread.sleep(1500);
            assertThat(exchange(requests, answers, "/js/dom.js")).isEqualTo(200);
        }
    }

    /** One request on the open connection; its status, once its whole body is read. */
    private static int exchange(Writer requests, BufferedReader answers, String path) throws IOException {
        requests.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        requests.flush();
        int status = Integer.parseInt(answers.readLine().split(" ")[1]);
        int length = 0;
        for (String header = answers.readLine(); !header.isEmpty(); header = answers.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        header.substring("content-length:".length()).strip());
            }
        }
        // every answer here has a Content-Length; ISO-8859-1 reads one char per byte
        answers.skip(length);
        return status;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
