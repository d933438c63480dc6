package dev.oddshop.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;

/**
 * Every refusal of the security layer, counted and logged once at WARN with the request id:
 * {@code shop_security_authentication_failures_total{surface, reason}} and
 * {@code shop_security_requests_rejected_total{reason}}. Neither the counter nor the line ever
 * carries a token or a header value; a path is cut short.
 */
public final class SecurityRefusals {

    static final String AUTHENTICATION_FAILURES = "shop.security.authentication.failures";

    static final String REJECTED = "shop.security.requests.rejected";

    private static final Logger log = LoggerFactory.getLogger(SecurityRefusals.class);

    private static final int LOGGED_PATH_LENGTH = 200;

    /** What a request failed to authenticate for. */
    public enum Surface {

        /** fault controls, the actuator beyond health and prometheus, stock setting */
        ADMIN("admin", "Refused admin request"),
        /** a customer route without a valid session (gateway) */
        SESSION("session", "Refused customer request");

        private final String label;

        private final String message;

        Surface(String label, String message) {
            this.label = label;
            this.message = message;
        }
    }

    /** Why a request was refused before anyone looked at who sent it. */
    public enum Rejection {

        /** the HTTP firewall: path parameters, encoded slashes or dots, traversal, control characters */
        MALFORMED_PATH("malformed_path", "Rejected malformed request"),
        /** the client's rate limit (gateway) */
        RATE_LIMITED("rate_limited", "Rate limited"),
        /** a body over the configured size (gateway) */
        PAYLOAD_TOO_LARGE("payload_too_large", "Rejected oversized request");

        private final String label;

        private final String message;

        Rejection(String label, String message) {
            this.label = label;
            this.message = message;
        }
    }

    private final MeterRegistry meters;

    /** Registers the series of {@code surfaces} and {@code rejections} at zero, so queries find them. */
    public SecurityRefusals(MeterRegistry meters, Set<Surface> surfaces, Set<Rejection> rejections) {
        this.meters = meters;
        surfaces.forEach(surface -> {
            failures(surface, true);
            failures(surface, false);
        });
        rejections.forEach(this::rejections);
    }

    /** Whether a failure is about a credential that was sent, rather than one that was missing. */
    public static boolean tokenPresented(AuthenticationException failure) {
        return !(failure instanceof InsufficientAuthenticationException
                || failure instanceof AuthenticationCredentialsNotFoundException);
    }

    public void authenticationFailed(
            Surface surface, boolean tokenPresented, String method, String path, String requestId) {
        failures(surface, tokenPresented).increment();
        log.atWarn()
                .addKeyValue("request_id", requestId)
                .log("{}: {} {} ({} token)", surface.message, method, shorten(path), tokenPresented ? "invalid" : "no");
    }

    public void rejected(Rejection rejection, String method, String path, String requestId) {
        rejections(rejection).increment();
        log.atWarn().addKeyValue("request_id", requestId).log("{}: {} {}", rejection.message, method, shorten(path));
    }

    private Counter failures(Surface surface, boolean tokenPresented) {
        return Counter.builder(AUTHENTICATION_FAILURES)
                .description("Requests refused for a missing or invalid credential")
                .tag("surface", surface.label)
                .tag("reason", tokenPresented ? "invalid" : "missing")
                .register(this.meters);
    }

    private Counter rejections(Rejection rejection) {
        return Counter.builder(REJECTED)
                .description("Requests refused before authentication: malformed, over the rate limit or too large")
                .tag("reason", rejection.label)
                .register(this.meters);
    }

    private static String shorten(String path) {
        return path.length() <= LOGGED_PATH_LENGTH ? path : path.substring(0, LOGGED_PATH_LENGTH) + "…";
    }
}
