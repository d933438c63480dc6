package dev.oddshop.gateway.security;

import dev.oddshop.platform.security.AdminToken;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who sent a request, as Spring Security established it: a customer with a verified session,
 * the admin, or an anonymous client.
 *
 * @param principal the authenticated principal, or null for an anonymous client
 */
record Caller(Principal principal) {

    private static final Caller ANONYMOUS = new Caller(null);

    static Mono<Caller> of(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Caller::new).defaultIfEmpty(ANONYMOUS);
    }

    /** The customer id of a verified session. */
    Optional<String> customer() {
        return this.principal instanceof JwtAuthenticationToken session
                ? Optional.of(session.getName())
                : Optional.empty();
    }

    boolean admin() {
        return this.principal instanceof Authentication authentication
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> ("ROLE_" + AdminToken.ROLE).equals(authority.getAuthority()));
    }
}
