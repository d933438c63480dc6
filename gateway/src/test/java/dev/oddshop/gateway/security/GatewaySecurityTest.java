package dev.oddshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.oddshop.gateway.StubServices;
import dev.oddshop.platform.security.BypassAttempts;
import dev.oddshop.platform.security.BypassAttempts.Attempt;
import dev.oddshop.platform.security.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's guards over a raw socket, with a stub standing in for every service (it records
 * what reaches it): the admin bypass table, /internal/** under every encoding, and customer
 * identity: only a session the gateway signed names a customer, and the service hears the
 * customer from the gateway alone.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shop.admin.token=" + GatewaySecurityTest.ADMIN_TOKEN,
            "shop.session.signing-key=" + GatewaySecurityTest.SESSION_KEY
        })
class GatewaySecurityTest {

    static final String ADMIN_TOKEN = "gateway-security-test-admin-token";

    static final String SESSION_KEY = "gateway-security-test-session-key-0123456789";

    private static final StubServices services = new StubServices();

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void stubServices(DynamicPropertyRegistry registry) {
        for (String service :
                new String[] {"CATALOG_URL", "INVENTORY_URL", "ORDER_URL", "PAYMENT_URL", "PROVIDER_URL"}) {
            registry.add(service, services::url);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @BeforeEach
    void forget() {
        services.clear();
    }

    static Stream<Attempt> adminAttempts() {
        return Stream.of(
                        BypassAttempts.against("POST", "/admin/faults", ADMIN_TOKEN, true),
                        BypassAttempts.against("POST", "/admin/scenarios/checkout-incident", ADMIN_TOKEN, true),
                        BypassAttempts.against("DELETE", "/admin/surprise", ADMIN_TOKEN, true),
                        BypassAttempts.against("GET", "/actuator/env", ADMIN_TOKEN, true),
                        BypassAttempts.against("PUT", "/api/inventory/stock/42", ADMIN_TOKEN, false))
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminAttempts")
    void noAttemptReachesAnAdminSurface(Attempt attempt) {
        RawHttp.Response response = RawHttp.send(
                this.port,
                attempt.method(),
                attempt.target(),
                attempt.headers(),
                attempt.method().equals("GET") || attempt.method().equals("HEAD") ? null : "{\"available\":999}");
        // Netty refuses a raw backslash in the request line itself, with a bare 400
        BypassAttempts.assertRefused(attempt, response, Set.of("backslash"));
        assertThat(response.body()).doesNotContain("propertySources");
        assertThat(services.received())
                .as("what reached a service after " + attempt)
                .isEmpty();
    }

    @Test
    void theAdminTokenOpensTheAdminSurfacesAndTravelsOnToTheService() {
        RawHttp.Response stock = RawHttp.send(
                this.port,
                "PUT",
                "/api/inventory/stock/42",
                List.of("Authorization: Bearer " + ADMIN_TOKEN),
                "{\"available\":5}");
        assertThat(stock.status()).isEqualTo(200);
        assertThat(services.last().header("Authorization")).isEqualTo("Bearer " + ADMIN_TOKEN);
        assertThat(RawHttp.send(
                                this.port,
                                "GET",
                                "/actuator/env",
                                List.of("Authorization: Bearer " + ADMIN_TOKEN),
                                null)
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/internal/reservations",
                "/internal/payments/charge",
                "/api/orders/../../internal/x",
                "/api/orders/%2e%2e/%2e%2e/internal/x",
                "/api/orders/..%2f..%2finternal/x",
                "/api/orders;/../../internal/x",
                "/api/inventory/stock/..%252f..%252finternal/x",
                "/api/orders/%5c..%5c..%5cinternal/x",
                "//internal/x",
                "/./internal/x",
                "/INTERNAL/x",
                "/%69nternal/x",
                "/api/%2e%2e/internal/x",
                "/api/orders/carts/x/../../../internal/x",
                "/api/inventory/reservations",
                "/api/payments/../../internal/payments"
            })
    void internalPathsAreNeverRouted(String target) {
        for (String method : List.of("GET", "POST")) {
            RawHttp.Response response = RawHttp.send(
                    this.port,
                    method,
                    target,
                    List.of("Authorization: Bearer " + ADMIN_TOKEN),
                    method.equals("POST") ? "{}" : null);
            assertThat(response.status()).as(method + " " + target).isIn(400, 401, 404);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(services.received())
                .extracting(StubServices.Received::rawPath)
                .noneMatch(path -> path.toLowerCase().contains("internal"));
    }

    @Test
    void aSessionNamesANewCustomerAndTheServiceHearsItFromTheGatewayAlone() {
        JsonNode session = openSession();
        String token = session.path("token").asString();
        String customer = session.path("customerId").asString();
        assertThat(customer).matches("[0-9a-f-]{36}");
        assertThat(session.path("expiresAt").asString()).isNotBlank();

        RawHttp.Response cart = RawHttp.send(
                this.port,
                "POST",
                "/api/orders/carts",
                List.of("Authorization: Bearer " + token, "X-Customer-Id: mallory", "Cookie: other=1"),
                null);
        assertThat(cart.status()).isEqualTo(200);
        StubServices.Received received = services.last();
        assertThat(received.header("X-Customer-Id")).isEqualTo(customer);
        assertThat(received.header("Authorization")).isNull();
        assertThat(received.header("Cookie")).isEqualTo("other=1");

        RawHttp.Response byCookie = RawHttp.send(
                this.port,
                "GET",
                "/api/payments?orderId=x",
                List.of("Cookie: SHOP_SESSION=" + token + "; theme=dark"),
                null);
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(services.last().header("X-Customer-Id")).isEqualTo(customer);
        assertThat(services.last().header("Cookie")).isEqualTo("theme=dark");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStaysOnTheSite() {
        RawHttp.Response response = RawHttp.send(this.port, "POST", "/api/session", List.of(), null);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Set-Cookie"))
                .startsWith("SHOP_SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/api");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    static Stream<String> forgedCredentials() throws JOSEException {
        Instant now = Instant.now();
        return Stream.of(
                "Bearer " + sign(SESSION_KEY, "odd-shop", now.minusSeconds(3600), now.minusSeconds(600)),
                "Bearer " + sign("another-key-of-the-same-length-0123456789!!", "odd-shop", now, now.plusSeconds(600)),
                "Bearer " + sign(SESSION_KEY, "someone-else", now, now.plusSeconds(600)),
                "Bearer " + new PlainJWT(claims("odd-shop", now, now.plusSeconds(600))).serialize(),
                "Bearer " + ADMIN_TOKEN,
                "Bearer not.a.jwt",
                "Bearer ",
                "Basic YWxpY2U6YWxpY2U=",
                "");
    }

    @ParameterizedTest
    @MethodSource("forgedCredentials")
    void noForgedExpiredOrMissingSessionNamesACustomer(String authorization) {
        List<String> headers = authorization.isEmpty()
                ? List.of("X-Customer-Id: alice")
                : List.of("Authorization: " + authorization, "X-Customer-Id: alice");
        for (String target : List.of(
                "/api/orders/carts",
                "/api/orders/carts/c1",
                "/api/orders/o1",
                "/api/payments?orderId=o1",
                "/api/orders/carts/c1/checkout")) {
            String method = target.endsWith("carts") || target.endsWith("checkout") ? "POST" : "GET";
            RawHttp.Response response = RawHttp.send(this.port, method, target, headers, null);
            assertThat(response.status()).as(method + " " + target).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(services.received()).isEmpty();
    }

    @Test
    void aStaleSessionDoesNotStandInTheWayOfTheCatalogue() throws JOSEException {
        Instant past = Instant.now().minusSeconds(3600);
        RawHttp.Response response = RawHttp.send(
                this.port,
                "GET",
                "/api/catalog/products",
                List.of(
                        "Authorization: Bearer " + sign(SESSION_KEY, "odd-shop", past, past.plusSeconds(60)),
                        "X-Customer-Id: alice"),
                null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(services.last().header("X-Customer-Id")).isNull();
        assertThat(services.last().header("Authorization")).isNull();
    }

    @Test
    void refusedSessionsAreCounted() {
        double before = this.meters
                .get("shop.security.authentication.failures")
                .tag("surface", "session")
                .tag("reason", "missing")
                .counter()
                .count();
        RawHttp.send(this.port, "GET", "/api/orders/o1", List.of(), null);
        assertThat(this.meters
                        .get("shop.security.authentication.failures")
                        .tag("surface", "session")
                        .tag("reason", "missing")
                        .counter()
                        .count())
                .isEqualTo(before + 1);
    }

    private JsonNode openSession() {
        RawHttp.Response response = RawHttp.send(this.port, "POST", "/api/session", List.of(), null);
        assertThat(response.status()).isEqualTo(201);
        String body = response.body();
        return json.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1));
    }

    private static String sign(String key, String issuer, Instant issued, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(issuer, issued, expires));
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String issuer, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("victim-customer")
                .audience("odd-shop")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }
}
