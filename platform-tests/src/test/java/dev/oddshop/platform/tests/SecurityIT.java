package dev.oddshop.platform.tests;

import static dev.oddshop.platform.tests.ShopApi.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.security.BypassAttempts;
import dev.oddshop.platform.security.BypassAttempts.Attempt;
import dev.oddshop.platform.security.RawHttp;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform attacked as an outsider would: the admin bypass table against every service and
 * the gateway, /internal/** through the gateway, one customer after another's cart, order and
 * payment with every credential but their own; services on loopback only; no secret in any log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    /** Tomcat refuses these request lines itself, with a bare 400, before any filter runs. */
    private static final Set<String> TOMCAT_REFUSED = Set.of("backslash", "encoded backslash", "encoded null");

    /** Netty refuses a raw backslash in the request line itself. */
    private static final Set<String> NETTY_REFUSED = Set.of("backslash");

    private static final String FAULT = """
			{"id":"bypass","kind":"LATENCY","point":"provider.charge","duration":"PT1S","ttl":"PT1M"}""";

    private static final String ADMIN = "Bearer " + TestPlatform.ADMIN_TOKEN;

    private TestPlatform platform;

    @BeforeAll
    void useTheSharedPlatform(TestPlatform platform) {
        this.platform = platform;
    }

    @AfterAll
    void noSecretInTheLogs() throws IOException {
        this.platform.assertNoSecretsInLogs();
    }

    @Test
    @Order(1)
    void noBypassAttemptSwitchesAFaultOnInAnyService() {
        for (ShopService service : ShopService.values()) {
            boolean gateway = service == ShopService.GATEWAY;
            int port = service.port(port(ShopService.GATEWAY));
            for (Attempt attempt : BypassAttempts.against(
                    "POST",
                    "/admin/faults" + (gateway ? "/payment-provider-simulator" : ""),
                    TestPlatform.ADMIN_TOKEN,
                    true)) {
                BypassAttempts.assertRefused(
                        attempt,
                        RawHttp.send(port, attempt.method(), attempt.target(), attempt.headers(), FAULT),
                        gateway ? NETTY_REFUSED : TOMCAT_REFUSED);
            }
        }
        Reply faults = this.platform.api().get("/admin/faults", "Authorization", ADMIN);
        assertThat(faults.status()).isEqualTo(200);
        assertThat(faults.raw()).doesNotContain("bypass");
    }

    @Test
    @Order(2)
    void noBypassAttemptSetsStockThroughTheGateway() {
        int before = this.platform.available(106);
        List<Attempt> attempts = new ArrayList<>(
                BypassAttempts.against("PUT", "/api/inventory/stock/106", TestPlatform.ADMIN_TOKEN, false));
        attempts.addAll(BypassAttempts.against("GET", "/actuator/env", TestPlatform.ADMIN_TOKEN, true));
        for (Attempt attempt : attempts) {
            RawHttp.Response response = RawHttp.send(
                    port(ShopService.GATEWAY),
                    attempt.method(),
                    attempt.target(),
                    attempt.headers(),
                    attempt.method().equals("PUT") ? "{\"available\":999}" : null);
            BypassAttempts.assertRefused(attempt, response, NETTY_REFUSED);
            assertThat(response.body()).doesNotContain("propertySources");
        }
        assertThat(this.platform.available(106)).isEqualTo(before);
        // the real token still works, through the gateway and again at the service
        assertThat(this.platform
                        .api()
                        .put("/api/inventory/stock/106", map("available", before), "Authorization", ADMIN)
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void internalPathsAreNotReachableThroughTheGateway() {
        String order = "00000000-0000-0000-0000-000000000001";
        List<String> targets = List.of(
                "/internal/reservations/" + order,
                "/internal/payments",
                "/api/orders/../../internal/payments",
                "/api/orders/%2e%2e/%2e%2e/internal/payments",
                "/api/orders/..%2f..%2finternal/payments",
                "/api/orders;x/../../internal/payments",
                "/api/inventory/stock/..%252f..%252finternal/reservations/" + order,
                "//internal/payments",
                "/./internal/payments",
                "/%69nternal/payments",
                "/INTERNAL/payments",
                "/api/inventory/reservations/" + order,
                "/api/payments/../internal/payments",
                "/api/orders/carts/x/%2e%2e/%2e%2e/%2e%2e/internal/payments");
        for (String target : targets) {
            for (String method : List.of("GET", "POST", "PUT")) {
                RawHttp.Response response = RawHttp.send(
                        port(ShopService.GATEWAY),
                        method,
                        target,
                        List.of("Authorization: " + ADMIN),
                        method.equals("GET")
                                ? null
                                : "{\"orderId\":\"" + order
                                        + "\",\"amountCents\":100,\"currency\":\"EUR\",\"items\":[]}");
                assertThat(response.status())
                        .as(method + " " + target + ": " + response.body())
                        .isIn(400, 401, 404, 405);
                assertThat(response.isProblem()).as(method + " " + target).isTrue();
            }
        }
        Reply payment = this.platform.direct(ShopService.PAYMENT).get("/internal/payments/" + order);
        assertThat(payment.status()).as("no payment was made for " + order).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aCustomerReachesNothingOfAnothersWithAnyCredentialButTheirs() throws JOSEException {
        String cart = this.platform.cartWith("alice", 107, 1);
        Reply paid = this.platform.checkout("alice", cart, "tok_visa", null);
        assertThat(paid.text("status")).isEqualTo("CONFIRMED");
        String order = paid.text("orderId");
        String openCart = this.platform.cartWith("alice", 108, 2);
        String alice = this.platform.customerId("alice");

        List<String[]> strangers = new ArrayList<>(List.of(
                this.platform.as("mallory"), ShopApi.with(this.platform.as("mallory"), "X-Customer-Id", alice)));
        for (String[] stranger : strangers) {
            assertThat(statuses(stranger, order, openCart))
                    .as("a stranger's answers")
                    .containsOnly(404);
        }
        List<String[]> forged = List.of(
                new String[] {"X-Customer-Id", alice},
                new String[] {
                    "Authorization", "Bearer " + new PlainJWT(claims(alice, 600)).serialize(), "X-Customer-Id", alice
                },
                new String[] {
                    "Authorization", "Bearer " + sign("a-key-that-is-not-the-platforms-0123456789", alice, 600)
                },
                new String[] {"Authorization", "Bearer " + sign(this.platform.sessionKey(), alice, -600)},
                new String[] {"Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN, "X-Customer-Id", alice},
                new String[] {"Cookie", "SHOP_SESSION=forged; X-Customer-Id=" + alice});
        for (String[] credentials : forged) {
            assertThat(statuses(credentials, order, openCart))
                    .as("answers to " + String.join(" ", credentials))
                    .containsOnly(401);
        }
        // alice's things are as she left them
        assertThat(this.platform
                        .api()
                        .get("/api/orders/" + order, this.platform.as("alice"))
                        .text("status"))
                .isEqualTo("CONFIRMED");
        Reply stillOpen = this.platform.api().get("/api/orders/carts/" + openCart, this.platform.as("alice"));
        assertThat(stillOpen.body().path("items")).hasSize(1);
        assertThat(stillOpen.body().path("items").get(0).path("quantity").asInt())
                .isEqualTo(2);
    }

    @Test
    @Order(5)
    void onlyTheGatewayListensBeyondLoopback() throws IOException {
        for (ShopService service : ShopService.values()) {
            List<String> listening = listeningAddresses(port(service));
            assertThat(listening).as(service.module() + " listens").isNotEmpty();
            if (service != ShopService.GATEWAY) {
                assertThat(listening).as(service.module() + " listens on").allMatch(SecurityIT::isLoopback);
            }
        }
    }

    @Test
    @Order(6)
    void refusalsAreCountedWhereTheyHappen() {
        String gateway = this.platform.api().get("/actuator/prometheus").raw();
        assertThat(gateway)
                .containsPattern(
                        "shop_security_authentication_failures_total\\{[^}]*reason=\"invalid\"[^}]*surface=\"admin\"[^}]*} [1-9]");
        assertThat(gateway)
                .containsPattern(
                        "shop_security_authentication_failures_total\\{[^}]*reason=\"missing\"[^}]*surface=\"session\"[^}]*} [1-9]");
        assertThat(gateway)
                .containsPattern("shop_security_requests_rejected_total\\{[^}]*reason=\"malformed_path\"[^}]*} [1-9]");
        String inventory = this.platform
                .direct(ShopService.INVENTORY)
                .get("/actuator/prometheus")
                .raw();
        assertThat(inventory)
                .containsPattern(
                        "shop_security_authentication_failures_total\\{[^}]*reason=\"missing\"[^}]*surface=\"admin\"[^}]*} [1-9]");
    }

    /** What each of alice's resources answers to {@code credentials}. */
    private List<Integer> statuses(String[] credentials, String order, String cart) {
        ShopApi api = this.platform.api();
        Object card = map("paymentMethod", map("type", "card", "token", "tok_visa"));
        return List.of(
                api.get("/api/orders/" + order, credentials).status(),
                api.get("/api/payments?orderId=" + order, credentials).status(),
                api.get("/api/orders/carts/" + cart, credentials).status(),
                api.post("/api/orders/carts/" + cart + "/items", map("productId", 109, "quantity", 1), credentials)
                        .status(),
                api.delete("/api/orders/carts/" + cart + "/items/108", credentials)
                        .status(),
                api.post("/api/orders/carts/" + cart + "/checkout", card, credentials)
                        .status());
    }

    private int port(ShopService service) {
        return Integer.parseInt(this.platform.url(service).replaceAll(".*:", ""));
    }

    private static String sign(String key, String subject, long expiresInSeconds) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, expiresInSeconds));
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject, long expiresInSeconds) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("odd-shop")
                .audience("odd-shop")
                .subject(subject)
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -expiresInSeconds) + 60)))
                .expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
                .build();
    }

    /** The local addresses (hex, as the kernel lists them) of the sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = "%04X".formatted(port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** 127.0.0.1 as /proc/net/tcp writes it, or ::1 (or ::ffff:127.0.0.1) as /proc/net/tcp6 does. */
    private static boolean isLoopback(String hex) {
        return hex.equals("0100007F")
                || hex.equals("00000000000000000000000001000000")
                || hex.equals("0000000000000000FFFF00000100007F");
    }
}
