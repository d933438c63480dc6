package dev.oddshop.gateway.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Anonymous customer sessions: a JWT signed with HS256 whose subject is a new customer id, for
 * this gateway only (issuer and audience "odd-shop"). The services never see it: the gateway
 * verifies it and passes the customer id on.
 */
public final class SessionTokens {

    /** The cookie a browser keeps the session in (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "SHOP_SESSION";

    static final String ISSUER = "odd-shop";

    private static final int MINIMUM_KEY_LENGTH = 32;

    private final JwtEncoder encoder;

    private final ReactiveJwtDecoder decoder;

    private final SessionProperties properties;

    private final Clock clock;

    /**
     * A session as the client receives it.
     *
     * @param token the signed token, sent back as a bearer token (or kept in the cookie)
     * @param customerId the customer the session names
     * @param expiresAt when the token stops being accepted
     */
    public record Session(String token, String customerId, Instant expiresAt) {}

    public SessionTokens(SessionProperties properties, Clock clock) {
        if (properties.signingKey().length() < MINIMUM_KEY_LENGTH) {
            throw new IllegalStateException("shop.session.signing-key (environment SHOP_SESSION_KEY) must be a secret"
                    + " of at least " + MINIMUM_KEY_LENGTH + " characters: ./shop up generates one in run/session-key,"
                    + " compose reads it from .env (./shop compose-env writes one)");
        }
        SecretKey key = new SecretKeySpec(properties.signingKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        this.decoder = decoder;
        this.properties = properties;
        this.clock = clock;
    }

    /** A session for a new customer. */
    public Session open() {
        Instant now = this.clock.instant();
        Instant expiresAt = now.plus(this.properties.ttl());
        String customerId = UUID.randomUUID().toString();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(ISSUER))
                .subject(customerId)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        String token =
                this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Session(token, customerId, expiresAt);
    }

    /** Verifies signature, algorithm, issuer and expiry. */
    public ReactiveJwtDecoder decoder() {
        return this.decoder;
    }

    public SessionProperties properties() {
        return this.properties;
    }
}
