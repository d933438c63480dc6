package dev.oddshop.gateway;

import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The instances the gateway's routes (lb://...) and its fault fan-out balance over, per service
 * (a LoadBalancer client configuration, not scanned): the discovery list, without the instances
 * whose liveness check fails, checked without blocking (the servlet services' clients check with a
 * blocking client: {@code LiveInstances} in platform-starter).
 */
public class RouteInstances {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ServiceInstanceListSupplier healthCheckedInstances(ConfigurableApplicationContext context) {
        WebClient checks = WebClient.builder()
                .clientConnector(
                        new ReactorClientHttpConnector(HttpClient.create().responseTimeout(CHECK_TIMEOUT)))
                .build();
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(checks)
                // a retry (the fault fan-out's) goes to another instance than the one that failed
                .withRetryAwareness()
                .build(context);
    }
}
