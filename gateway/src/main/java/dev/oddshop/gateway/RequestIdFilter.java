package dev.oddshop.gateway;

import dev.oddshop.platform.web.RequestId;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (the client's, if it sent a sane one), passes it
 * to the services and returns it, so a customer's complaint can be matched to the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    static final String HEADER = RequestId.HEADER;

    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    /** The path the client asked for, before any forward to a fallback. */
    static final String PATH_ATTRIBUTE = RequestIdFilter.class.getName() + ".path";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && given.matches("[A-Za-z0-9._-]{1,64}")
                ? given
                : UUID.randomUUID().toString();
        ServerWebExchange withId = exchange.mutate()
                .request(r -> r.headers(h -> h.set(HEADER, id)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, id);
        withId.getAttributes()
                .put(PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        withId.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(withId);
    }
}
