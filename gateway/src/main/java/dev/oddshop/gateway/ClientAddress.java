package dev.oddshop.gateway;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as the connection says: X-Forwarded-For is not trusted, so a
 * client cannot pick another address to escape its rate limit (set server.forward-headers-strategy
 * behind a proxy you trust).
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }
}
