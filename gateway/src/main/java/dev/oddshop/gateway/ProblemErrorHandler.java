package dev.oddshop.gateway;

import dev.oddshop.platform.web.ProblemTypes;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers (no route, a timeout, a service refusing connections)
 * is problem details too, like the services' errors.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final Problems problems;

    ProblemErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        String path = exchange.getRequest().getPath().value();
        if (ex instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            HttpStatus resolved = code == null ? HttpStatus.INTERNAL_SERVER_ERROR : code;
            String kind = ProblemTypes.kindOf(resolved);
            return this.problems.write(
                    exchange,
                    resolved,
                    kind,
                    status.getReason() == null ? resolved.getReasonPhrase() : status.getReason());
        }
        if (ex instanceof TimeoutException) {
            return this.problems.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service did not answer in time");
        }
        log.error("Unhandled gateway error on {}", path, ex);
        return this.problems.write(
                exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred");
    }
}
