package dev.oddshop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.platform.fault.FaultRegistry;
import dev.oddshop.platform.fault.app.FaultTestApplication;
import dev.oddshop.platform.security.BypassAttempts.Attempt;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin guard of every servlet service (the starter's), attacked over a raw socket with the
 * bypass table: nothing reaches the fault controls or the actuator, every refusal is problem
 * details, counted and logged without the token.
 */
@SpringBootTest(
        classes = FaultTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.admin.token=" + AdminGuardTest.TOKEN, "spring.application.name=guard-test"})
@ExtendWith(OutputCaptureExtension.class)
class AdminGuardTest {

    static final String TOKEN = "guard-test-admin-token-0123456789";

    private static final String FAULT = """
			{"id":"bypass","kind":"LATENCY","point":"test.work","duration":"PT1S","ttl":"PT1M"}""";

    /** Attempts Tomcat answers itself with a bare 400: no application code, not even a filter, runs. */
    static final Set<String> TOMCAT_REFUSED = Set.of("backslash", "encoded backslash", "encoded null");

    @LocalServerPort
    int port;

    @Autowired
    FaultRegistry faults;

    @Autowired
    MeterRegistry meters;

    static Stream<Attempt> switchOnAttempts() {
        return BypassAttempts.against("POST", "/admin/faults", TOKEN, true).stream();
    }

    static Stream<Attempt> actuatorAttempts() {
        return BypassAttempts.against("GET", "/actuator/env", TOKEN, true).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switchOnAttempts")
    void noAttemptSwitchesAFaultOn(Attempt attempt) {
        RawHttp.Response response = send(attempt, FAULT);
        assertRefused(attempt, response);
        assertThat(this.faults.active()).as("faults after " + attempt).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actuatorAttempts")
    void noAttemptReadsTheEnvironment(Attempt attempt) {
        RawHttp.Response response = send(attempt, null);
        assertRefused(attempt, response);
        assertThat(response.body()).doesNotContain("propertySources");
    }

    @Test
    void theTableIsLargeEnough() {
        assertThat(BypassAttempts.against("POST", "/admin/faults", TOKEN, true)).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void theRightTokenPassesAndTheOpenEndpointsNeedNone() {
        assertThat(RawHttp.send(this.port, "GET", "/admin/faults", List.of("Authorization: Bearer " + TOKEN), null)
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.send(this.port, "GET", "/actuator/health", List.of(), null)
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.send(this.port, "GET", "/actuator/prometheus", List.of(), null)
                        .status())
                .isEqualTo(200);
        // a token meant for someone else does not break a public request
        assertThat(RawHttp.send(this.port, "GET", "/work", List.of("Authorization: Bearer someone-elses"), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusalsAreCountedAndLoggedWithoutTheToken(CapturedOutput output) {
        double before = failures("invalid");
        RawHttp.Response response = RawHttp.send(
                this.port,
                "GET",
                "/admin/faults",
                List.of("Authorization: Bearer " + TOKEN + "-stale", "X-Request-Id: guard-42"),
                null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(failures("invalid")).isEqualTo(before + 1);
        assertThat(output)
                .contains("Refused admin request")
                .contains("guard-42")
                .doesNotContain(TOKEN);
        RawHttp.send(this.port, "GET", "/admin;x/faults", List.of(), null);
        assertThat(this.meters
                        .get("shop.security.requests.rejected")
                        .tag("reason", "malformed_path")
                        .counter()
                        .count())
                .isPositive();
        assertThat(output).contains("Rejected malformed request");
    }

    @Test
    void aWrongTokenIsRefusedInConstantTimeOverDigests() {
        AdminToken token = new AdminToken(new AdminProperties(TOKEN, List.of()));
        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches("x".repeat(TOKEN.length()))).isFalse();
        assertThat(token.matches(TOKEN + " ")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(new AdminToken(new AdminProperties("", List.of())).matches(""))
                .isFalse();
    }

    private RawHttp.Response send(Attempt attempt, String body) {
        return RawHttp.send(this.port, attempt.method(), attempt.target(), attempt.headers(), body);
    }

    private double failures(String reason) {
        return this.meters
                .get("shop.security.authentication.failures")
                .tag("surface", "admin")
                .tag("reason", reason)
                .counter()
                .count();
    }

    static void assertRefused(Attempt attempt, RawHttp.Response response) {
        BypassAttempts.assertRefused(attempt, response, TOMCAT_REFUSED);
    }
}
