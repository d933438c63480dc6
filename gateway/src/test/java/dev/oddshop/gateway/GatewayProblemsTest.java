package dev.oddshop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own answers over real HTTP, with every service unreachable (a closed port): all
 * are problem details, admin surfaces need the token, every answer carries a request id.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.admin.token=gateway-test-token",
            "shop.session.signing-key=gateway-problems-test-session-key-0123456789"
        })
class GatewayProblemsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void unreachableServices(DynamicPropertyRegistry registry) {
        String closed = StubServices.closedUrl();
        for (String service : new String[] {"CATALOG_URL", "INVENTORY_URL", "ORDER_URL", "PAYMENT_URL"}) {
            registry.add(service, () -> closed);
        }
    }

    @Test
    void anUnreachableServiceIsA503Problem() throws Exception {
        HttpResponse<String> response = get("/api/catalog/products", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"type\":\"https://odd-shop.dev/problems/service-unavailable\"")
                .contains("catalog")
                .contains("\"instance\":\"/api/catalog/products\"");
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/nowhere", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("https://odd-shop.dev/problems/not-found");
    }

    @Test
    void internalPathsOfTheServicesAreNotRouted() throws Exception {
        assertThat(get("/internal/payments/x", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/inventory/reservations", null).statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorBeyondHealthAndPrometheusNeedsTheToken() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", "Bearer gateway-test-token").statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesARequestIdAndKeepsASaneOne() throws Exception {
        assertThat(get("/api/nowhere", null).headers().firstValue("X-Request-Id"))
                .isPresent();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
                .header("X-Request-Id", "trace-me-42")
                .build();
        assertThat(this.http
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .headers()
                        .firstValue("X-Request-Id"))
                .hasValue("trace-me-42");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
