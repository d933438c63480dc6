package dev.oddshop.platform.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services and third parties a service calls, by name. Retries, circuit breakers and
 * bulkheads are Resilience4j configuration under the same names.
 */
@ConfigurationProperties("shop.clients")
public record ServiceClientProperties(Map<String, Client> services) {

    public ServiceClientProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /**
     * @param baseUrl where the dependency listens
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the response
     */
    public record Client(URI baseUrl, Duration connectTimeout, Duration readTimeout) {

        public Client {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(2) : readTimeout;
        }
    }
}
