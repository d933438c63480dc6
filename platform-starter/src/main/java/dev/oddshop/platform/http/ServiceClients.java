package dev.oddshop.platform.http;

import java.net.http.HttpClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds a {@link RestClient} per named dependency from Boot's builder, so every client is
 * observed (metrics, trace propagation) and has the timeouts its configuration gives.
 */
public class ServiceClients {

	private final ServiceClientProperties properties;

	private final RestClient.Builder builder;

	public ServiceClients(ServiceClientProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		this.builder = builder;
	}

	public RestClient client(String name) {
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
		return this.builder.clone().baseUrl(client.baseUrl()).requestFactory(requestFactory).build();
	}

}
