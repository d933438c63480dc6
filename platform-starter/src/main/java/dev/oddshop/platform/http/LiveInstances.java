package dev.oddshop.platform.http;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The instances a service's clients balance over, per dependency (a LoadBalancer client
 * configuration, not scanned): the discovery list, without the instances whose liveness check
 * fails (spring.cloud.loadbalancer.health-check in platform-defaults.yml), so a replica that died
 * leaves the rotation within seconds.
 */
public class LiveInstances {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ServiceInstanceListSupplier healthCheckedInstances(ConfigurableApplicationContext context) {
        JdkClientHttpRequestFactory checks = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build());
        checks.setReadTimeout(CHECK_TIMEOUT);
        return ServiceInstanceListSupplier.builder()
                .withBlockingDiscoveryClient()
                .withBlockingHealthChecks(
                        RestClient.builder().requestFactory(checks).build())
                .build(context);
    }
}
