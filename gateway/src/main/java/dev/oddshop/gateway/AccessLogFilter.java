package dev.oddshop.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** One line per request on the "access" logger: method, path, status, duration, request id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger("access");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return chain.filter(exchange).doFinally(signal -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			log.info("{} {} {} {}ms request_id={}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), status == null ? 200 : status.value(),
					(System.nanoTime() - start) / 1_000_000, exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
		});
	}

}
