package dev.oddshop.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.oddshop.gateway.ClientAddress;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Resilience4j rate limiter per client on /api/** and on the pages' telemetry (/faro/**, which
 * anyone may post to): the session's customer, or the source address for requests without a
 * session. Over the limit a request is refused at once with 429
 * and Retry-After; the admin is not limited. Limiters of idle clients are dropped.
 */
@Component
@Order(SecurityOrder.RATE_LIMIT)
class ClientRateLimitFilter implements WebFilter {

    private final Cache<String, RateLimiter> limiters;

    private final RateLimiterConfig perCustomer;

    private final RateLimiterConfig perAddress;

    private final long retryAfterSeconds;

    private final GatewayRefusals refusals;

    ClientRateLimitFilter(RateLimitProperties properties, GatewayRefusals refusals) {
        this.limiters = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(properties.idle())
                .build();
        this.perCustomer = config(properties.perCustomer(), properties);
        this.perAddress = config(properties.perAddress(), properties);
        this.retryAfterSeconds = Math.max(1, properties.period().toSeconds());
        this.refusals = refusals;
    }

    private static RateLimiterConfig config(int limit, RateLimitProperties properties) {
        return RateLimiterConfig.custom()
                .limitForPeriod(limit)
                .limitRefreshPeriod(properties.period())
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") && !path.startsWith("/faro/")) {
            return chain.filter(exchange);
        }
        return Caller.of(exchange).flatMap(caller -> {
            if (caller.admin() || limiterOf(caller, exchange).acquirePermission()) {
                return chain.filter(exchange);
            }
            return this.refusals.rateLimited(exchange, this.retryAfterSeconds);
        });
    }

    private RateLimiter limiterOf(Caller caller, ServerWebExchange exchange) {
        return caller.customer()
                .map(customer ->
                        this.limiters.get("customer:" + customer, key -> RateLimiter.of(key, this.perCustomer)))
                .orElseGet(() -> this.limiters.get(
                        "address:" + ClientAddress.of(exchange), key -> RateLimiter.of(key, this.perAddress)));
    }
}
