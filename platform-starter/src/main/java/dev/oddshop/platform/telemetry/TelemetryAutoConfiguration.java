package dev.oddshop.platform.telemetry;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signals every service emits the same way: Prometheus names, business ids on spans and log
 * lines, span names, profiles linked to spans, resilience events on spans.
 */
@AutoConfiguration
public class TelemetryAutoConfiguration {

    @Bean
    PrometheusConventions prometheusConventions() {
        return new PrometheusConventions();
    }

    @Bean
    BusinessContext businessContext(ObjectProvider<ObservationRegistry> observations) {
        return new BusinessContext(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"io.pyroscope.javaagent.api.ProfilerApiHolder", "io.opentelemetry.sdk.trace.SpanProcessor"})
    static class ProfilingConfiguration {

        @Bean
        ProfiledSpans profiledSpans() {
            return new ProfiledSpans();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "io.github.resilience4j.retry.RetryRegistry",
                "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
                "io.github.resilience4j.bulkhead.BulkheadRegistry"
            })
    static class ResilienceConfiguration {

        @Bean
        ResilienceEvents resilienceEvents(
                ObjectProvider<ObservationRegistry> observations,
                ObjectProvider<RetryRegistry> retries,
                ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
                ObjectProvider<BulkheadRegistry> bulkheads) {
            return new ResilienceEvents(
                    observations.getIfAvailable(() -> ObservationRegistry.NOOP), retries, circuitBreakers, bulkheads);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletConfiguration {

        @Bean
        SemanticSpanNames.Server semanticServerSpanNames() {
            return new SemanticSpanNames.Server();
        }

        @Bean
        FilterRegistrationBean<BusinessContextFilter> businessContextFilter(BusinessContext context) {
            return new FilterRegistrationBean<>(new BusinessContextFilter(context));
        }
    }
}
