package dev.oddshop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The provider's policies as Resilience4j built them from the platform's shared configs
 * (platform-defaults.yml) and this service's overrides.
 */
class ProviderPoliciesTest extends SimulatedProviderTest {

    @Test
    void theBreakersBuildOnTheSharedDependencyConfig() {
        for (String name : new String[] {"provider", "provider-lookup"}) {
            CircuitBreakerConfig breaker = this.breakers.circuitBreaker(name).getCircuitBreakerConfig();
            assertThat(breaker.getSlidingWindowSize()).as(name).isEqualTo(20);
            assertThat(breaker.getMinimumNumberOfCalls()).as(name).isEqualTo(10);
            assertThat(breaker.getSlowCallDurationThreshold()).as(name).isEqualTo(Duration.ofMillis(1500));
            // a decline is the provider's answer, not its failure
            assertThat(breaker.getIgnoreExceptionPredicate()
                            .test(new HttpClientErrorException(HttpStatus.PAYMENT_REQUIRED)))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void theRetriesBuildOnTheSharedIdempotentConfig() {
        RetryConfig provider = this.retries.retry("provider").getRetryConfig();
        assertThat(provider.getMaxAttempts()).isEqualTo(3);
        assertThat(provider.getExceptionPredicate().test(new ResourceAccessException("refused")))
                .isTrue();
        assertThat(provider.getExceptionPredicate().test(new HttpClientErrorException(HttpStatus.BAD_REQUEST)))
                .isFalse();
        RetryConfig storm = this.retries.retry("provider-storm").getRetryConfig();
        assertThat(storm.getMaxAttempts()).isEqualTo(10);
        assertThat(storm.getIntervalBiFunction().apply(1, null)).isZero();
        assertThat(storm.getIntervalBiFunction().apply(5, null)).isZero();
    }
}
