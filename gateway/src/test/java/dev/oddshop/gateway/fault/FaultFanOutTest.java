package dev.oddshop.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.gateway.StubServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fault fan-out when replicas die, over real HTTP with stubs standing in for the services: a
 * replica killed since the last health check (here the checks wait an hour) costs no request, and a
 * service with no instance answering is a 503 problem, never a 500.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.admin.token=" + FaultFanOutTest.ADMIN_TOKEN,
            "shop.session.signing-key=fault-fan-out-test-session-key-0123456789",
            "spring.cloud.loadbalancer.health-check.interval=1h"
        })
class FaultFanOutTest {

    static final String ADMIN_TOKEN = "fault-fan-out-test-admin-token";

    private static final StubServices everyOther = new StubServices();

    private static final StubServices orderLiving = new StubServices();

    private static final StubServices orderDying = new StubServices();

    private static final StubServices inventoryDying = new StubServices();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        registry.add(instances + "order-service[0].uri", orderLiving::url);
        registry.add(instances + "order-service[1].uri", orderDying::url);
        registry.add(instances + "inventory-service[0].uri", inventoryDying::url);
        // down before the gateway starts: its first health check leaves no instance at all
        String closed = StubServices.closedUrl();
        registry.add(instances + "payment-service[0].uri", () -> closed);
        registry.add(instances + "catalog-service[0].uri", everyOther::url);
        registry.add(instances + "payment-provider-simulator[0].uri", everyOther::url);
    }

    @AfterAll
    static void stop() {
        for (StubServices stub : new StubServices[] {everyOther, orderLiving, orderDying, inventoryDying}) {
            stub.close();
        }
    }

    @Test
    void aReplicaKilledSinceTheLastHealthCheckCostsNoFaultSwitchedOnAndAServiceWithNoneLeftIsA503() throws Exception {
        // both replicas in the load balancer's rotation: lists go to one, then the other
        for (int i = 0; i < 10 && orderDying.received().isEmpty(); i++) {
            assertThat(send("GET", "/admin/faults").statusCode()).isEqualTo(200);
        }
        assertThat(orderDying.received())
                .as("the dying replica was in rotation")
                .isNotEmpty();
        assertThat(inventoryDying.received()).isNotEmpty();
        orderDying.close();
        inventoryDying.close();
        orderLiving.clear();

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> on = send("POST", "/admin/faults/order-service");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        }
        assertThat(orderLiving.received())
                .as("each fault reached the living replica once")
                .filteredOn(request -> request.method().equals("POST"))
                .hasSize(4)
                .allSatisfy(request -> assertThat(request.rawPath()).isEqualTo("/admin/faults"));

        for (String service : new String[] {"inventory-service", "payment-service"}) {
            HttpResponse<String> on = send("POST", "/admin/faults/" + service);
            assertThat(on.statusCode()).as(on.body()).isEqualTo(503);
            assertThat(on.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(on.body())
                    .contains("https://odd-shop.dev/problems/service-unavailable")
                    .contains("No instance of " + service + " answered");
        }
        HttpResponse<String> list = send("GET", "/admin/faults");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("\"inventory-service\":{\"error\":\"No instance of inventory-service answered\"}");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("POST")
                ? HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"f\",\"kind\":\"LATENCY\",\"point\":\"order.checkout\",\"duration\":\"PT1S\"}")
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .method(method, body)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
