package dev.oddshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.gateway.StubServices;
import dev.oddshop.platform.security.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Limits against abuse, with limits small enough to reach (the defaults are in application.yml):
 * per-client rate limits answer 429 with Retry-After, a body over the limit 413 (declared or
 * chunked), an oversized header section 431 and request line 414. A stub stands in for the services.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.admin.token=limits-test-admin-token",
            "shop.session.signing-key=gateway-limits-test-session-key-0123456789",
            "shop.rate-limit.per-customer=3",
            "shop.rate-limit.per-address=4",
            "shop.rate-limit.period=1h",
            "shop.request.max-body=1KB"
        })
class GatewayLimitsTest {

    private static final StubServices services = new StubServices();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SessionTokens sessions;

    @DynamicPropertySource
    static void stubServices(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"CATALOG_URL", "INVENTORY_URL", "ORDER_URL", "PAYMENT_URL"}) {
            registry.add(service, services::url);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void eachCustomerHasItsOwnLimitAndTheAdminNone() {
        String alice = "Authorization: Bearer " + this.sessions.open().token();
        String bob = "Authorization: Bearer " + this.sessions.open().token();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/orders/o1", alice).status()).isEqualTo(200);
        }
        RawHttp.Response limited = get("/api/orders/o1", alice);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(limited.header("Retry-After")).isEqualTo("3600");
        assertThat(limited.body()).contains("https://odd-shop.dev/problems/rate-limited");
        // another customer, and the admin, are not held back by alice
        assertThat(get("/api/orders/o1", bob).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.send(
                                    this.port,
                                    "PUT",
                                    "/api/inventory/stock/1",
                                    List.of("Authorization: Bearer limits-test-admin-token"),
                                    "{\"available\":5}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(this.meters
                        .get("shop.security.requests.rejected")
                        .tag("reason", "rate_limited")
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws IOException {
        String customer = "Authorization: Bearer " + this.sessions.open().token();
        String large = "{\"productId\":1,\"quantity\":1,\"note\":\"" + "x".repeat(2048) + "\"}";
        RawHttp.Response declared =
                RawHttp.send(this.port, "POST", "/api/orders/carts/c1/items", List.of(customer), large);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        services.clear();
        assertThat(chunked("/api/orders/carts/c1/items", customer, large)).startsWith("HTTP/1.1 413");
        assertThat(services.received())
                .allSatisfy(received -> assertThat(received.rawPath()).isNotEqualTo("/api/orders/carts/c1/items"));
    }

    @Test
    void oversizedHeadersAndRequestLinesAreRefusedByTheServer() {
        assertThat(RawHttp.send(
                                this.port,
                                "GET",
                                "/api/catalog/products",
                                List.of("X-Padding: " + "p".repeat(20_000)),
                                null)
                        .status())
                .isEqualTo(431);
        assertThat(RawHttp.send(this.port, "GET", "/api/catalog/products?q=" + "q".repeat(5_000), List.of(), null)
                        .status())
                .isEqualTo(414);
    }

    private RawHttp.Response get(String path, String header) {
        return RawHttp.send(this.port, "GET", path, List.of(header), null);
    }

    /** A chunked body: no Content-Length to refuse it by, so the gateway must count. */
    private String chunked(String path, String header, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < bytes.length; offset += 512) {
                int size = Math.min(512, bytes.length - offset);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes, offset, size);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        }
    }
}
