package dev.oddshop.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send. Header and request-line sizes are the server's own
 * (server.max-http-request-header-size, server.netty.max-initial-line-length: 431 and 414).
 *
 * @param maxBody the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("shop.request")
public record RequestLimits(DataSize maxBody) {

    public RequestLimits {
        maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
    }
}
