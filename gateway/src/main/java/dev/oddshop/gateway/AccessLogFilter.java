package dev.oddshop.gateway;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One line per request on the "access" logger: method, path, status, duration, request id,
 * the client's address,
 * with the trace and span ids of the request's server span (taken from the exchange, since a
 * reactive request has no thread of its own to carry them).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            Optional<TraceContext> trace = traceOf(exchange);
            try (MDC.MDCCloseable traceId = MDC.putCloseable(
                            "traceId", trace.map(TraceContext::traceId).orElse(null));
                    MDC.MDCCloseable spanId = MDC.putCloseable(
                            "spanId", trace.map(TraceContext::spanId).orElse(null))) {
                log.info(
                        "{} {} {} {}ms request_id={} client_address={}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(),
                        status == null ? 200 : status.value(),
                        (System.nanoTime() - start) / 1_000_000,
                        exchange.getAttribute(RequestIdFilter.ATTRIBUTE),
                        ClientAddress.of(exchange));
            }
        });
    }

    private static Optional<TraceContext> traceOf(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context());
    }
}
