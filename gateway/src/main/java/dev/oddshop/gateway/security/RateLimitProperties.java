package dev.oddshop.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-client limits on /api/**. A customer with a session is one client; requests without one
 * count against their source address. Load tests run many customers from one address: every
 * virtual user opens its own session, so only the session requests count against the address.
 *
 * @param perCustomer requests a session may make per period
 * @param perAddress requests without a session one address may make per period
 * @param period the period the limits refill over
 * @param maxClients how many clients' limiters are kept at most (the least recent go first)
 * @param idle how long an idle client's limiter is kept
 */
@ConfigurationProperties("shop.rate-limit")
public record RateLimitProperties(int perCustomer, int perAddress, Duration period, int maxClients, Duration idle) {

    public RateLimitProperties {
        perCustomer = perCustomer > 0 ? perCustomer : 20;
        perAddress = perAddress > 0 ? perAddress : 200;
        period = period == null ? Duration.ofSeconds(1) : period;
        maxClients = maxClients > 0 ? maxClients : 100_000;
        idle = idle == null ? Duration.ofMinutes(10) : idle;
    }
}
