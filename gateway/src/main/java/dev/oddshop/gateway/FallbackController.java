package dev.oddshop.gateway;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request it could not complete: a timeout is a 504, an
 * open circuit or an unreachable service a 503, both as problem details naming the service.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final Problems problems;

    FallbackController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause instanceof TimeoutException) {
            return this.problems.write(
                    exchange,
                    HttpStatus.GATEWAY_TIMEOUT,
                    "gateway-timeout",
                    "The " + service + " service did not answer in time");
        }
        log.warn("Route {} fell back: {}", service, String.valueOf(cause));
        String why = cause instanceof BulkheadFullException
                ? "is saturated; try again shortly"
                : cause instanceof CallNotPermittedException
                        ? "is failing; its circuit breaker is open"
                        : "is unavailable";
        return this.problems.write(
                exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "The " + service + " service " + why);
    }
}
