package dev.oddshop.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.URI;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The pages' addresses beyond the static files themselves (Boot serves classpath:/static/, and
 * index.html at /): the control room at /control, with or without the slash; and, with browser
 * telemetry on, Faro's two browser bundles under /vendor/faro/ and the receiver behind
 * /faro/collect, so the pages load and send everything from the gateway's own origin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSettings.class)
class PageRoutes {

    static final String COLLECT = "/faro/collect";

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

    @Bean
    RouterFunction<ServerResponse> controlRoom(@Value("classpath:/static/control/index.html") Resource page) {
        return RouterFunctions.route(
                GET("/control").or(GET("/control/")),
                request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
    }

    /** Faro's browser bundles, from browser-telemetry/'s node_modules; none while browser telemetry is off. */
    @Bean
    RouterFunction<ServerResponse> browserTelemetryBundles(WebSettings settings) {
        WebSettings.BrowserTelemetry telemetry = settings.browserTelemetry();
        Map<String, Resource> bundles = telemetry.off().isPresent()
                ? Map.of()
                : Map.of(
                        "faro-web-sdk.iife.js",
                                new FileSystemResource(telemetry.bundle(WebSettings.BrowserTelemetry.SDK)),
                        "faro-web-tracing.iife.js",
                                new FileSystemResource(telemetry.bundle(WebSettings.BrowserTelemetry.TRACING)));
        return RouterFunctions.route(GET("/vendor/faro/{bundle}"), request -> {
            Resource bundle = bundles.get(request.pathVariable("bundle"));
            return bundle == null
                    ? ServerResponse.notFound().build()
                    : ServerResponse.ok().contentType(JAVASCRIPT).bodyValue(bundle);
        });
    }

    /** The browser's telemetry, passed on to the Faro receiver's /collect; none without one. */
    @Bean
    RouteLocator browserTelemetryRoute(RouteLocatorBuilder routes, WebSettings settings) {
        WebSettings.BrowserTelemetry telemetry = settings.browserTelemetry();
        RouteLocatorBuilder.Builder builder = routes.routes();
        if (telemetry.off().isEmpty()) {
            builder.route(
                    "browser-telemetry",
                    route -> route.path(COLLECT)
                            .and()
                            .method(HttpMethod.POST)
                            .filters(filter -> filter.setPath("/collect"))
                            .uri(URI.create(telemetry.collector())));
        }
        return builder.build();
    }
}
