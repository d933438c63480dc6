package dev.oddshop.gateway.security;

import org.springframework.core.Ordered;

/**
 * Where the gateway's own web filters stand around Spring Security's (at -100): the size limit
 * before it, identity and rate limit after it, once the caller is known.
 */
final class SecurityOrder {

    static final int REQUEST_SIZE = Ordered.HIGHEST_PRECEDENCE + 2;

    static final int CUSTOMER_IDENTITY = -90;

    static final int RATE_LIMIT = -80;

    private SecurityOrder() {}
}
