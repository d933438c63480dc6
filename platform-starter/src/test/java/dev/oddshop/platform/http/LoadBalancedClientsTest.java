package dev.oddshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.oddshop.platform.fault.app.FaultTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A client whose base URL names a service id balances over that service's instances, and a
 * replica that dies leaves the rotation by its failing liveness check. The two replicas are stub
 * HTTP servers standing in for a dependency (the real replicas run in the platform tests).
 */
@SpringBootTest(
        classes = FaultTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "shop.admin.token=balance-test-token",
            "spring.application.name=balance-test",
            "shop.clients.services.replicated.base-url=http://replicated-service"
        })
class LoadBalancedClientsTest {

    private static final Replica FIRST = new Replica();

    private static final Replica SECOND = new Replica();

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.replicated-service[0].uri", FIRST::url);
        registry.add("spring.cloud.discovery.client.simple.instances.replicated-service[1].uri", SECOND::url);
    }

    @AfterAll
    static void stop() {
        FIRST.stop();
        SECOND.stop();
    }

    @Autowired
    ServiceClients clients;

    @Autowired
    MeterRegistry meters;

    @Test
    void callsGoRoundTheLiveReplicasAndAKilledOneLeavesTheRotation() {
        RestClient client = this.clients.client("replicated");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            call(client, 10);
            assertThat(List.of(FIRST.served.get(), SECOND.served.get())).allMatch(served -> served > 0);
        });
        assertThat(this.meters
                        .find("http.client.requests")
                        .tag("client.name", "replicated-service")
                        .timer())
                .as("the calls are recorded under the service, not the instance")
                .isNotNull();

        SECOND.stop();
        // within a health-check interval (2 s) the dead replica is out; until then its calls fail
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> call(client, 10));
        int secondServed = SECOND.served.get();
        call(client, 20);
        assertThat(SECOND.served.get()).isEqualTo(secondServed);
    }

    private static void call(RestClient client, int times) {
        for (int i = 0; i < times; i++) {
            client.get().uri("/work").retrieve().toBodilessEntity();
        }
    }

    /** A stub replica: counts the calls to /work, and answers its liveness probe while it runs. */
    private static final class Replica {

        final AtomicInteger served = new AtomicInteger();

        private final HttpServer server;

        Replica() {
            try {
                this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.server.createContext("/actuator/health/liveness", exchange -> answer(exchange, "{\"status\":\"UP\"}"));
            this.server.createContext("/work", exchange -> {
                this.served.incrementAndGet();
                answer(exchange, "{}");
            });
            this.server.start();
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        void stop() {
            this.server.stop(0);
        }

        private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
