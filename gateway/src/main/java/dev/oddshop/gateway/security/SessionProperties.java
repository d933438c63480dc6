package dev.oddshop.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer sessions issued by the gateway.
 *
 * @param signingKey the HMAC-SHA256 key sessions are signed with (SHOP_SESSION_KEY), 32 characters
 * or more; the gateway does not start without one
 * @param ttl how long a session lasts
 */
@ConfigurationProperties("shop.session")
public record SessionProperties(String signingKey, Duration ttl) {

    public SessionProperties {
        signingKey = signingKey == null ? "" : signingKey.strip();
        ttl = ttl == null ? Duration.ofHours(8) : ttl;
    }
}
