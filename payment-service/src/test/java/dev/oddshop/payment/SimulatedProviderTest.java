package dev.oddshop.payment;

import dev.oddshop.launcher.EmbeddedPostgresServer;
import dev.oddshop.platform.fault.FaultSwitch;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * payment-service over real HTTP on a real PostgreSQL, charging the real provider simulator
 * without latency. Every test class that extends this shares one Spring context and one simulator
 * (each start costs seconds); the simulator stops with the JVM, as the cached context does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(InternalPayments.class)
abstract class SimulatedProviderTest {

    static final ProviderSimulator provider = ProviderSimulator.start(Duration.ZERO);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> EmbeddedPostgresServer.shared().createDatabase("payments"));
        registry.add("shop.clients.services.provider.base-url", provider::url);
    }

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InternalPayments payments;

    @Autowired
    FaultSwitch faults;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    RetryRegistry retries;

    /** Failures add up in the breakers across the classes that share them: each test starts from closed ones. */
    @BeforeEach
    void closeTheBreakers() {
        this.breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }
}
