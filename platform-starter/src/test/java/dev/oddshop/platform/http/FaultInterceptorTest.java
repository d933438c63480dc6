package dev.oddshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.fault.FaultRegistry;
import dev.oddshop.platform.fault.FaultRequest;
import dev.oddshop.platform.fault.app.FaultTestApplication;
import dev.oddshop.platform.fault.app.TestFaultPoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Faults at a call point act inside the observed client call, so the client's metrics and its
 * span (both made from the one observation) record the failure as they record the real one. The
 * dependency is the test service itself, over real HTTP.
 */
@SpringBootTest(
        classes = {FaultTestApplication.class, FaultInterceptorTest.Recorder.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.admin.token=fault-test-token", "spring.application.name=fault-test"})
class FaultInterceptorTest {

    @Autowired
    RestClient.Builder builder;

    @Autowired
    FaultPoints faults;

    @Autowired
    FaultRegistry registry;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordedCalls calls;

    @Autowired
    DiscoveryClient discovery;

    @Autowired
    DeferringLoadBalancerInterceptor loadBalancer;

    @LocalServerPort
    int port;

    RestClient client;

    @BeforeEach
    void client() {
        ServiceClientProperties.Client self = new ServiceClientProperties.Client(
                URI.create("http://localhost:" + this.port), Duration.ofSeconds(1), Duration.ofSeconds(5));
        this.client = new ServiceClients(
                        new ServiceClientProperties(Map.of("self", self)),
                        this.builder,
                        this.faults,
                        this.discovery,
                        this.loadBalancer)
                .client("self", TestFaultPoints.CALL);
        this.calls.contexts.clear();
    }

    @AfterEach
    void switchEverythingOff() {
        this.registry.active().forEach(fault -> this.registry.disable(fault.id()));
    }

    @Test
    void anUnreachableDependencyIsAFailedCallWithItsConnectionErrorAndNothingIsSent() {
        double served = servedWork();
        long refused = clientCalls("CLIENT_ERROR", "UNKNOWN");
        enable("refused", FaultKind.UNREACHABLE, null);
        assertThatExceptionOfType(ResourceAccessException.class)
                .isThrownBy(this::callWork)
                .withRootCauseInstanceOf(ConnectException.class);
        assertThat(clientCalls("CLIENT_ERROR", "UNKNOWN")).isEqualTo(refused + 1);
        assertThat(this.calls.errors()).singleElement().isInstanceOf(ResourceAccessException.class);
        assertThat(servedWork()).isEqualTo(served);
    }

    @Test
    void anErrorIsTheDependencysServiceUnavailable() {
        long failed = clientCalls("503", "SERVER_ERROR");
        enable("failing", FaultKind.ERROR, null);
        assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
                .isThrownBy(this::callWork)
                .satisfies(unavailable -> {
                    // the problem document every service writes (ProblemBody), as an overloaded callee answers
                    assertThat(unavailable.getResponseHeaders().getContentType())
                            .hasToString("application/problem+json");
                    assertThat(unavailable.getResponseBodyAsString())
                            .contains(
                                    "\"type\":\"https://odd-shop.dev/problems/service-unavailable\"",
                                    "\"status\":503",
                                    "\"instance\":\"/work\"");
                });
        assertThat(clientCalls("503", "SERVER_ERROR")).isEqualTo(failed + 1);
        assertThat(this.calls.errors()).singleElement().isInstanceOf(HttpServerErrorException.class);
    }

    @Test
    void latencyIsTheCallsOwnTime() {
        enable("slow", FaultKind.LATENCY, Duration.ofMillis(300));
        assertThat(callWork()).isEqualTo("done");
        // at least what the fault asked for: the call adds its own time on top
        assertThat(this.calls.contexts)
                .singleElement()
                .satisfies(call -> assertThat(call.getError()).isNull());
        assertThat(this.meters
                        .find("http.client.requests")
                        .tags("uri", "/work", "outcome", "SUCCESS")
                        .timer())
                .satisfies(timer -> assertThat(timer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300));
    }

    @Test
    void withoutAFaultTheCallIsUntouched() {
        long succeeded = clientCalls("200", "SUCCESS");
        assertThat(callWork()).isEqualTo("done");
        assertThat(clientCalls("200", "SUCCESS")).isEqualTo(succeeded + 1);
        assertThat(this.calls.errors()).isEmpty();
    }

    private String callWork() {
        return this.client.get().uri("/work").retrieve().body(String.class);
    }

    private void enable(String id, FaultKind kind, Duration duration) {
        this.registry.enable(new FaultRequest(
                id, kind, TestFaultPoints.CALL.id(), 1.0, duration, null, null, null, "FaultInterceptorTest"));
    }

    /** Client calls to /work so far with this status and outcome. */
    private long clientCalls(String status, String outcome) {
        return this.meters
                .find("http.client.requests")
                .tags("uri", "/work", "status", status, "outcome", outcome)
                .timers()
                .stream()
                .mapToLong(Timer::count)
                .sum();
    }

    private double servedWork() {
        return this.meters.find("http.server.requests").tag("uri", "/work").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    /** Every finished client observation, as the tracing handler sees it when it ends the client span. */
    static final class RecordedCalls implements ObservationHandler<ClientRequestObservationContext> {

        final List<ClientRequestObservationContext> contexts = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(ClientRequestObservationContext context) {
            this.contexts.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof ClientRequestObservationContext;
        }

        List<Throwable> errors() {
            return this.contexts.stream()
                    .map(Observation.Context::getError)
                    .filter(Objects::nonNull)
                    .toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recorder {

        @Bean
        RecordedCalls recordedCalls() {
            return new RecordedCalls();
        }
    }
}
