package dev.oddshop.platform.telemetry;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes Resilience4j's decisions visible: each retry and each circuit-breaker transition is a
 * log line (WARN when things get worse), and retries, rejected calls and full bulkheads are
 * events on the current span, so a trace shows why a call was repeated or never made.
 */
public class ResilienceEvents implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ResilienceEvents.class);

    private final ObservationRegistry observations;

    private final ObjectProvider<RetryRegistry> retries;

    private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;

    private final ObjectProvider<BulkheadRegistry> bulkheads;

    public ResilienceEvents(
            ObservationRegistry observations,
            ObjectProvider<RetryRegistry> retries,
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
            ObjectProvider<BulkheadRegistry> bulkheads) {
        this.observations = observations;
        this.retries = retries;
        this.circuitBreakers = circuitBreakers;
        this.bulkheads = bulkheads;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.retries.ifAvailable(registry -> {
            registry.getAllRetries().forEach(this::watch);
            registry.getEventPublisher().onEntryAdded(event -> watch(event.getAddedEntry()));
        });
        this.circuitBreakers.ifAvailable(registry -> {
            registry.getAllCircuitBreakers().forEach(this::watch);
            registry.getEventPublisher().onEntryAdded(event -> watch(event.getAddedEntry()));
        });
        this.bulkheads.ifAvailable(registry -> {
            registry.getAllBulkheads().forEach(this::watch);
            registry.getEventPublisher().onEntryAdded(event -> watch(event.getAddedEntry()));
        });
    }

    private void watch(Retry retry) {
        retry.getEventPublisher().onRetry(event -> {
            String cause = event.getLastThrowable() == null
                    ? "?"
                    : event.getLastThrowable().getClass().getSimpleName();
            log.warn(
                    "Retry {}: attempt {} failed ({}); next attempt in {} ms",
                    event.getName(),
                    event.getNumberOfRetryAttempts(),
                    cause,
                    event.getWaitInterval().toMillis());
            spanEvent(
                    "resilience4j.retry",
                    "retry " + event.getName() + " #" + event.getNumberOfRetryAttempts() + " after " + cause);
        });
    }

    private void watch(CircuitBreaker circuitBreaker) {
        circuitBreaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                log.warn(
                        "Circuit breaker {} opened ({}): calls are refused until it half-opens",
                        event.getCircuitBreakerName(),
                        event.getStateTransition());
            } else {
                log.info("Circuit breaker {}: {}", event.getCircuitBreakerName(), event.getStateTransition());
            }
        });
        circuitBreaker
                .getEventPublisher()
                .onCallNotPermitted(event -> spanEvent(
                        "resilience4j.circuitbreaker.rejected",
                        "circuit breaker " + event.getCircuitBreakerName() + " open: call not made"));
    }

    private void watch(Bulkhead bulkhead) {
        bulkhead.getEventPublisher()
                .onCallRejected(event -> spanEvent(
                        "resilience4j.bulkhead.rejected",
                        "bulkhead " + event.getBulkheadName() + " full: call not made"));
    }

    private void spanEvent(String name, String description) {
        Observation current = this.observations.getCurrentObservation();
        if (current != null) {
            current.event(Observation.Event.of(name, description));
        }
    }
}
