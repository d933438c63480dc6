package dev.oddshop.gateway;

import dev.oddshop.platform.security.AdminSurfaces;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** The gateway's own admin surfaces (actuator beyond health and prometheus, /admin/**) need the token. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AdminTokenWebFilter implements WebFilter {

	private final AdminSurfaces surfaces;

	private final Problems problems;

	AdminTokenWebFilter(AdminSurfaces surfaces, Problems problems) {
		this.surfaces = surfaces;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		// service admin paths (e.g. PUT stock) pass through: the owning service checks the token
		boolean own = path.startsWith("/actuator") || path.startsWith("/admin");
		if (!own || !this.surfaces.isAdmin(exchange.getRequest().getMethod().name(), path)
				|| this.surfaces.isAuthorized(authorization)) {
			return chain.filter(exchange);
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		boolean wrongToken = authorization != null && this.surfaces.tokenConfigured();
		return this.problems.write(exchange, wrongToken ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED,
				wrongToken ? "forbidden" : "unauthorized",
				"This is an admin surface: send Authorization: Bearer <admin token>");
	}

}
