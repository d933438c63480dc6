package dev.oddshop.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The admin bearer token. A presented token is compared with the configured one in constant
 * time (over their SHA-256 digests, so not even the length leaks); a blank configuration
 * refuses every token, which keeps the admin surfaces shut.
 */
public final class AdminToken {

    public static final String ROLE = "ADMIN";

    private static final Authentication ADMIN = UsernamePasswordAuthenticationToken.authenticated(
            "admin", null, AuthorityUtils.createAuthorityList("ROLE_" + ROLE));

    private final byte[] digest;

    public AdminToken(AdminProperties properties) {
        this.digest = properties.token().isEmpty() ? null : sha256(properties.token());
    }

    public boolean matches(String presented) {
        return this.digest != null && presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
    }

    /** The admin, for a bearer token that matches; else an invalid-token failure (401). */
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (authentication instanceof BearerTokenAuthenticationToken bearer && matches(bearer.getToken())) {
            return ADMIN;
        }
        throw new InvalidBearerTokenException(
                this.digest == null
                        ? "Admin surfaces are shut: no admin token is configured"
                        : "The admin token is wrong");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }
}
