package dev.oddshop.platform.http;

import dev.oddshop.platform.fault.FaultPoint;
import dev.oddshop.platform.fault.FaultPoints;
import java.net.http.HttpClient;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds a {@link RestClient} per named dependency from Boot's builder, so every client is
 * observed (metrics, trace propagation) and has the timeouts its configuration gives. A base URL
 * whose host is a service the discovery client knows ({@code http://catalog-service}) is balanced
 * over that service's live instances by Spring Cloud LoadBalancer; any other goes where it says.
 */
public class ServiceClients {

    private final ServiceClientProperties properties;

    private final RestClient.Builder builder;

    private final FaultPoints faults;

    private final DiscoveryClient discovery;

    private final ClientHttpRequestInterceptor loadBalancer;

    public ServiceClients(
            ServiceClientProperties properties,
            RestClient.Builder builder,
            FaultPoints faults,
            DiscoveryClient discovery,
            ClientHttpRequestInterceptor loadBalancer) {
        this.properties = properties;
        this.builder = builder;
        this.faults = faults;
        this.discovery = discovery;
        this.loadBalancer = loadBalancer;
    }

    public RestClient client(String name) {
        return builder(name).build();
    }

    /**
     * A client whose calls are the fault point {@code point}: its faults strike inside each observed
     * call, before the request is sent ({@link FaultInterceptor}).
     */
    public RestClient client(String name, FaultPoint point) {
        return builder(name)
                .requestInterceptor(new FaultInterceptor(this.faults, point))
                .build();
    }

    private RestClient.Builder builder(String name) {
        ServiceClientProperties.Client client = this.properties.services().get(name);
        if (client == null || client.baseUrl() == null) {
            throw new IllegalStateException("No base URL configured for shop.clients.services." + name);
        }
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(client.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(client.readTimeout());
        RestClient.Builder builder =
                this.builder.clone().baseUrl(client.baseUrl()).requestFactory(requestFactory);
        if (this.discovery.getServices().contains(client.baseUrl().getHost())) {
            builder.requestInterceptor(this.loadBalancer);
        }
        return builder;
    }
}
