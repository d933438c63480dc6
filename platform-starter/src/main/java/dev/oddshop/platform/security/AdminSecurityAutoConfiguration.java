package dev.oddshop.platform.security;

import dev.oddshop.platform.security.SecurityRefusals.Rejection;
import dev.oddshop.platform.security.SecurityRefusals.Surface;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security in front of every service: the strict HTTP firewall rejects paths that are not
 * in normal form, and the admin surfaces ({@link AdminSurfaces}) need the admin bearer token.
 * Everything else is open here: customers are identified by the gateway, and the services stand
 * off the network (see docs/SECURITY.md).
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityAutoConfiguration {

    @Bean
    AdminSurfaces adminSurfaces(AdminProperties properties) {
        return new AdminSurfaces(properties);
    }

    @Bean
    AdminToken adminToken(AdminProperties properties) {
        return new AdminToken(properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @EnableWebSecurity
    static class ServletAdminSecurity {

        @Bean
        SecurityRefusals securityRefusals(MeterRegistry meters) {
            return new SecurityRefusals(meters, EnumSet.of(Surface.ADMIN), EnumSet.of(Rejection.MALFORMED_PATH));
        }

        /** Also the firewall's RequestRejectedHandler: Spring Security picks that up by type. */
        @Bean
        ServletRefusalHandler servletRefusalHandler(SecurityRefusals refusals, JsonMapper json) {
            return new ServletRefusalHandler(refusals, json);
        }

        @Bean
        SecurityFilterChain adminSecurityFilterChain(
                HttpSecurity http, AdminSurfaces surfaces, AdminToken token, ServletRefusalHandler refusals) {
            RequestMatcher guarded = guarded(surfaces);
            DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
            AuthenticationManager admin = token::authenticate;
            http.authorizeHttpRequests(requests -> requests.requestMatchers(guarded)
                            .hasRole(AdminToken.ROLE)
                            .anyRequest()
                            .permitAll())
                    // a bearer token is read on admin surfaces only: anywhere else it is none of this service's
                    // business
                    .oauth2ResourceServer(bearerTokens -> bearerTokens
                            .authenticationManagerResolver(request -> admin)
                            .bearerTokenResolver(request -> guarded.matches(request) ? bearer.resolve(request) : null)
                            .authenticationEntryPoint(refusals)
                            .accessDeniedHandler(refusals))
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(RequestCacheConfigurer::disable);
            return http.build();
        }

        private static RequestMatcher guarded(AdminSurfaces surfaces) {
            PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
            List<RequestMatcher> open = AdminSurfaces.OPEN.stream()
                    .<RequestMatcher>map(paths::matcher)
                    .toList();
            List<RequestMatcher> rules = surfaces.guarded().stream()
                    .<RequestMatcher>map(rule -> paths.matcher(rule.method(), rule.pattern()))
                    .toList();
            return new AndRequestMatcher(
                    new OrRequestMatcher(rules), new NegatedRequestMatcher(new OrRequestMatcher(open)));
        }
    }
}
