package dev.oddshop.gateway.security;

import dev.oddshop.platform.web.CustomerId;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The customer header the services trust is the gateway's alone: a client's {@code X-Customer-Id}
 * is dropped, and a verified session's customer is set in its place. The session's token and
 * cookie stay at the edge; only an admin's token travels on (the service checks it again).
 */
@Component
@Order(SecurityOrder.CUSTOMER_IDENTITY)
class CustomerIdentityFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Caller.of(exchange)
                .flatMap(caller -> chain.filter(exchange.mutate()
                        .request(rewrite(exchange.getRequest(), caller))
                        .build()));
    }

    private static ServerHttpRequest rewrite(ServerHttpRequest request, Caller caller) {
        return request.mutate()
                .headers(headers -> {
                    headers.remove(CustomerId.HEADER);
                    caller.customer().ifPresent(customer -> headers.set(CustomerId.HEADER, customer));
                    if (!caller.admin()) {
                        headers.remove(HttpHeaders.AUTHORIZATION);
                        withoutSessionCookie(request, headers);
                    }
                })
                .build();
    }

    private static void withoutSessionCookie(ServerHttpRequest request, HttpHeaders headers) {
        if (!request.getCookies().containsKey(SessionTokens.COOKIE)) {
            return;
        }
        String others = request.getCookies().values().stream()
                .flatMap(List::stream)
                .filter(cookie -> !cookie.getName().equals(SessionTokens.COOKIE))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        headers.remove(HttpHeaders.COOKIE);
        if (!others.isEmpty()) {
            headers.set(HttpHeaders.COOKIE, others);
        }
    }
}
