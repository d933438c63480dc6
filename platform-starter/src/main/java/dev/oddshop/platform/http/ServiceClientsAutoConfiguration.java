package dev.oddshop.platform.http;

import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.telemetry.SemanticSpanNames;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The observed HTTP clients a servlet service calls its dependencies with (shop.clients.services). */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceClientProperties.class)
public class ServiceClientsAutoConfiguration {

    @Bean
    SemanticSpanNames.Client semanticClientSpanNames() {
        return new SemanticSpanNames.Client();
    }

    @Bean
    ServiceClients serviceClients(ServiceClientProperties properties, RestClient.Builder builder, FaultPoints faults) {
        return new ServiceClients(properties, builder, faults);
    }
}
