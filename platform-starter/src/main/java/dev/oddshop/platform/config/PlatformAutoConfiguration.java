package dev.oddshop.platform.config;

import java.util.List;

import dev.oddshop.platform.http.ServiceClientProperties;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.http.ServiceClients;
import dev.oddshop.platform.telemetry.BusinessContext;
import dev.oddshop.platform.telemetry.BusinessContextFilter;
import dev.oddshop.platform.telemetry.ProfiledSpans;
import dev.oddshop.platform.telemetry.PrometheusConventions;
import dev.oddshop.platform.telemetry.ResilienceEvents;
import dev.oddshop.platform.telemetry.SemanticSpanNames;
import dev.oddshop.platform.web.CustomerIdArgumentResolver;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import dev.oddshop.platform.web.ProblemDetailsAdvice;
import dev.oddshop.platform.web.ProblemErrorController;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** What every ODD Shop service gets by depending on the starter. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
public class PlatformAutoConfiguration {

	@Bean
	PrometheusConventions prometheusConventions() {
		return new PrometheusConventions();
	}

	@Bean
	BusinessContext businessContext(ObjectProvider<ObservationRegistry> observations) {
		return new BusinessContext(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.pyroscope.javaagent.api.ProfilerApiHolder",
			"io.opentelemetry.sdk.trace.SpanProcessor" })
	static class ProfilingConfiguration {

		@Bean
		ProfiledSpans profiledSpans() {
			return new ProfiledSpans();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.github.resilience4j.retry.RetryRegistry",
			"io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
			"io.github.resilience4j.bulkhead.BulkheadRegistry" })
	static class ResilienceConfiguration {

		@Bean
		ResilienceEvents resilienceEvents(ObjectProvider<ObservationRegistry> observations,
				ObjectProvider<RetryRegistry> retries, ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
				ObjectProvider<BulkheadRegistry> bulkheads) {
			return new ResilienceEvents(observations.getIfAvailable(() -> ObservationRegistry.NOOP), retries,
					circuitBreakers, bulkheads);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		ProblemDetailsAdvice problemDetailsAdvice() {
			return new ProblemDetailsAdvice();
		}

		@Bean
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

		@Bean
		WebMvcConfigurer customerIdResolver() {
			return new WebMvcConfigurer() {
				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new CustomerIdArgumentResolver());
				}
			};
		}

		@Bean
		SemanticSpanNames.Server semanticServerSpanNames() {
			return new SemanticSpanNames.Server();
		}

		@Bean
		FilterRegistrationBean<BusinessContextFilter> businessContextFilter(BusinessContext context) {
			return new FilterRegistrationBean<>(new BusinessContextFilter(context));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
	static class TomcatConfiguration {

		/**
		 * An encoded slash stays encoded, so that Spring Security's firewall refuses it with problem
		 * details (Tomcat's default refuses it with a bare page before any filter runs).
		 */
		@Bean
		TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
			return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@EnableConfigurationProperties(ServiceClientProperties.class)
	static class ClientConfiguration {

		@Bean
		SemanticSpanNames.Client semanticClientSpanNames() {
			return new SemanticSpanNames.Client();
		}

		@Bean
		ServiceClients serviceClients(ServiceClientProperties properties, RestClient.Builder builder,
				FaultPoints faults) {
			return new ServiceClients(properties, builder, faults);
		}

	}

}
