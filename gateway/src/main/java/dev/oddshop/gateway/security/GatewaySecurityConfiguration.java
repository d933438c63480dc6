package dev.oddshop.gateway.security;

import dev.oddshop.gateway.Problems;
import dev.oddshop.platform.security.AdminSurfaces;
import dev.oddshop.platform.security.AdminToken;
import dev.oddshop.platform.security.SecurityRefusals;
import dev.oddshop.platform.security.SecurityRefusals.Rejection;
import dev.oddshop.platform.security.SecurityRefusals.Surface;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Spring Security at the edge, in three chains over the path the gateway routes with (decoded,
 * path parameters removed) behind the strict firewall, which rejects paths not in normal form:
 * <ol>
 * <li>admin surfaces (its own and {@code shop.admin.paths}): the admin bearer token;</li>
 * <li>/api/**: the customer session (a JWT the gateway signed) on carts, orders and payments; on
 * the public routes a valid session names the client for its rate limit, an invalid one is
 * ignored;</li>
 * <li>everything else: open, and answered by routing (404 where no route exists, /internal/**
 * included) or by the pages, under a Content-Security-Policy that runs the gateway's scripts only.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SessionProperties.class, RateLimitProperties.class, RequestLimits.class})
class GatewaySecurityConfiguration {

    private static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/session"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/catalog/**", "/api/inventory/**"));

    private static final String PAGE_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                    + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final ServerWebExchangeMatcher CUSTOMER_API =
            ServerWebExchangeMatchers.pathMatchers("/api/orders/**", "/api/payments", "/api/payments/**");

    @Bean
    SessionTokens sessionTokens(SessionProperties properties) {
        return new SessionTokens(properties, Clock.systemUTC());
    }

    @Bean
    SecurityRefusals securityRefusals(MeterRegistry meters) {
        return new SecurityRefusals(meters, EnumSet.allOf(Surface.class), EnumSet.allOf(Rejection.class));
    }

    /** Also the firewall's rejection handler: Spring Security picks that up by type. */
    @Bean
    GatewayRefusals gatewayRefusals(SecurityRefusals refusals, Problems problems) {
        return new GatewayRefusals(refusals, problems);
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain adminSecurity(
            ServerHttpSecurity http, AdminSurfaces surfaces, AdminToken token, GatewayRefusals refusals) {
        ServerAuthenticationEntryPoint refuse = refusals.entryPoint(Surface.ADMIN);
        ReactiveAuthenticationManager admin =
                authentication -> Mono.fromCallable(() -> token.authenticate(authentication));
        return stateless(http)
                .securityMatcher(guarded(surfaces))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasRole(AdminToken.ROLE))
                .oauth2ResourceServer(bearer -> bearer.authenticationManagerResolver(exchange -> Mono.just(admin))
                        .authenticationEntryPoint(refuse))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refuse))
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain sessionSecurity(ServerHttpSecurity http, SessionTokens tokens, GatewayRefusals refusals) {
        ServerAuthenticationEntryPoint refuse = refusals.entryPoint(Surface.SESSION);
        return stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(CUSTOMER_API)
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(bearer -> bearer.jwt(jwt -> jwt.jwtDecoder(tokens.decoder()))
                        .bearerTokenConverter(new SessionTokenConverter())
                        .authenticationEntryPoint(refuse)
                        // a stale token on a public route is no reason to refuse a catalogue page
                        .authenticationFailureHandler((filterExchange, failure) -> PUBLIC_API
                                .matches(filterExchange.getExchange())
                                .flatMap(match -> match.isMatch()
                                        ? filterExchange.getChain().filter(filterExchange.getExchange())
                                        : refuse.commence(filterExchange.getExchange(), failure))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refuse))
                .build();
    }

    @Bean
    @Order(3)
    SecurityWebFilterChain openSecurity(ServerHttpSecurity http) {
        return stateless(http)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                // the pages (the storefront, the control room, Swagger UI) run only the gateway's own
                // scripts and talk only to it; Swagger UI's widgets set inline styles and data: images
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)))
                .build();
    }

    /** No sessions, no login pages, no CSRF tokens: every request carries its own credential. */
    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    private static ServerWebExchangeMatcher guarded(AdminSurfaces surfaces) {
        List<ServerWebExchangeMatcher> rules = surfaces.guarded().stream()
                .map(rule -> rule.method() == null
                        ? ServerWebExchangeMatchers.pathMatchers(rule.pattern())
                        : ServerWebExchangeMatchers.pathMatchers(rule.method(), rule.pattern()))
                .toList();
        return new AndServerWebExchangeMatcher(
                new OrServerWebExchangeMatcher(rules),
                new NegatedServerWebExchangeMatcher(
                        ServerWebExchangeMatchers.pathMatchers(AdminSurfaces.OPEN.toArray(String[]::new))));
    }
}
