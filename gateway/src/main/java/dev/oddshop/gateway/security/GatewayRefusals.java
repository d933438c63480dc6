package dev.oddshop.gateway.security;

import dev.oddshop.gateway.Problems;
import dev.oddshop.gateway.RequestIdFilter;
import dev.oddshop.platform.security.SecurityRefusals;
import dev.oddshop.platform.security.SecurityRefusals.Rejection;
import dev.oddshop.platform.security.SecurityRefusals.Surface;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's security refusals as problem details, each counted and logged by
 * {@link SecurityRefusals}: 401 for a missing or invalid credential, 400 for what the firewall
 * rejects, 429 over the rate limit, 413 for a body too large.
 */
public final class GatewayRefusals implements ServerExchangeRejectedHandler {

    private final SecurityRefusals refusals;

    private final Problems problems;

    GatewayRefusals(SecurityRefusals refusals, Problems problems) {
        this.refusals = refusals;
        this.problems = problems;
    }

    /** Answers a request to {@code surface} that did not authenticate. */
    ServerAuthenticationEntryPoint entryPoint(Surface surface) {
        return (exchange, failure) -> {
            boolean presented = SecurityRefusals.tokenPresented(failure);
            this.refusals.authenticationFailed(
                    surface,
                    presented,
                    method(exchange),
                    path(exchange),
                    exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            String detail = switch (surface) {
                case ADMIN ->
                    presented
                            ? "The admin token is not valid"
                            : "This is an admin surface: send Authorization: Bearer <admin token>";
                case SESSION ->
                    presented
                            ? "The session is not valid or has expired: open a new one with POST /api/session"
                            : "Open a session with POST /api/session and send its token as Authorization: Bearer <token>";
            };
            return this.problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", detail);
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        // the raw path: the decoded one would hide what the firewall refused
        record(
                Rejection.MALFORMED_PATH,
                exchange,
                exchange.getRequest().getURI().getRawPath());
        return this.problems.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "The request path is not in normal form: path parameters, encoded slashes, dots or backslashes and"
                        + " traversal are refused");
    }

    Mono<Void> rateLimited(ServerWebExchange exchange, long retryAfterSeconds) {
        record(Rejection.RATE_LIMITED, exchange, path(exchange));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return this.problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests from this client; retry after " + retryAfterSeconds + " s");
    }

    Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        countTooLarge(exchange);
        return this.problems.write(
                exchange,
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "The request body is larger than " + limit + " bytes");
    }

    /** For a chunked body found too large while it streams: the error handler answers it. */
    void countTooLarge(ServerWebExchange exchange) {
        record(Rejection.PAYLOAD_TOO_LARGE, exchange, path(exchange));
    }

    private void record(Rejection rejection, ServerWebExchange exchange, String path) {
        this.refusals.rejected(rejection, method(exchange), path, exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
    }

    private static String method(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod().name();
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }
}
