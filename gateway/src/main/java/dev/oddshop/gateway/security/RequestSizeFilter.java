package dev.oddshop.gateway.security;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body over {@link RequestLimits#maxBody()} with 413 before anything reads it: by its
 * Content-Length, or, for a chunked body, as soon as the bytes forwarded pass the limit.
 */
@Component
@Order(SecurityOrder.REQUEST_SIZE)
class RequestSizeFilter implements WebFilter {

    private final long limit;

    private final GatewayRefusals refusals;

    RequestSizeFilter(RequestLimits limits, GatewayRefusals refusals) {
        this.limit = limits.maxBody().toBytes();
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > this.limit) {
            return this.refusals.tooLarge(exchange, this.limit);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeFilter.this.limit) {
                        DataBufferUtils.release(buffer);
                        RequestSizeFilter.this.refusals.countTooLarge(exchange);
                        throw new ResponseStatusException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "The request body is larger than " + RequestSizeFilter.this.limit + " bytes");
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
