package dev.oddshop.gateway.security;

import org.springframework.http.HttpCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The session token from {@code Authorization: Bearer}, else from the session cookie. */
final class SessionTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return this.bearer.convert(exchange).switchIfEmpty(Mono.defer(() -> {
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SessionTokens.COOKIE);
            return cookie == null || cookie.getValue().isEmpty()
                    ? Mono.empty()
                    : Mono.just(new BearerTokenAuthenticationToken(cookie.getValue()));
        }));
    }
}
