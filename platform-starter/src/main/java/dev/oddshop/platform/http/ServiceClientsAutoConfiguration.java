package dev.oddshop.platform.http;

import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.telemetry.SemanticSpanNames;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The observed HTTP clients a servlet service calls its dependencies with (shop.clients.services),
 * balanced over each dependency's live instances ({@link LiveInstances}).
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceClientProperties.class)
@LoadBalancerClients(defaultConfiguration = LiveInstances.class)
public class ServiceClientsAutoConfiguration {

    @Bean
    SemanticSpanNames.Client semanticClientSpanNames() {
        return new SemanticSpanNames.Client();
    }

    @Bean
    ServiceClients serviceClients(
            ServiceClientProperties properties,
            RestClient.Builder builder,
            FaultPoints faults,
            DiscoveryClient discovery,
            DeferringLoadBalancerInterceptor loadBalancer) {
        return new ServiceClients(properties, builder, faults, discovery, loadBalancer);
    }
}
