package dev.oddshop.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PrometheusConventionsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    PrometheusConventionsTest() {
        this.registry.config().meterFilter(new PrometheusConventions());
    }

    @Test
    void givesEveryMeterHelpTextAndSnakeCaseLabels() {
        Counter counter = Counter.builder("spring.cloud.gateway.requests")
                .tag("routeId", "orders")
                .register(this.registry);
        assertThat(counter.getId().getDescription()).isEqualTo("Spring cloud gateway requests");
        assertThat(counter.getId().getTag("route_id")).isEqualTo("orders");
        assertThat(counter.getId().getTag("routeId")).isNull();
    }

    @Test
    void keepsTheDescriptionAMeterHas() {
        Counter counter = Counter.builder("shop.orders")
                .description("Orders by final outcome")
                .register(this.registry);
        assertThat(counter.getId().getDescription()).isEqualTo("Orders by final outcome");
    }

    @Test
    void leavesOutMetersWhoseNamesBreakTheConventions() {
        Gauge.builder("system.cpu.count", () -> 2).register(this.registry);
        assertThat(this.registry.find("system.cpu.count").meter()).isNull();
        Gauge.builder("spring.cloud.gateway.routes.count", () -> 4).register(this.registry);
        assertThat(this.registry.find("spring.cloud.gateway.routes").gauge()).isNotNull();
    }
}
