package dev.oddshop.platform.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.platform.fault.app.TestFaultPoints;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A MEMORY_LEAK stops growing at its ceiling, so a drill sees heap pressure rather than a dead JVM. */
class MemoryLeakTest {

    private static final long CEILING = 3 << 20;

    private final FaultRegistry registry = new FaultRegistry(
            new SimpleMeterRegistry(),
            "leak-test",
            Clock.systemUTC(),
            false,
            DeclaredFaultPoints.in(TestFaultPoints.class).points());

    private final FaultEngine points =
            new FaultEngine(this.registry, new SimpleMeterRegistry(), ObservationRegistry.NOOP, null, CEILING);

    @Test
    void aLeakGrowsUpToItsCeilingAndNoFurther() {
        this.registry.enable(new FaultRequest(
                "leak", FaultKind.MEMORY_LEAK, "test.work", null, Duration.ofSeconds(1), null, null, null, null));
        this.points.strike(TestFaultPoints.WORK);
        assertThat(this.points.retainedBytes()).isEqualTo(1000 * 1024L);
        for (int i = 0; i < 5; i++) {
            this.points.strike(TestFaultPoints.WORK);
        }
        assertThat(this.points.retainedBytes()).isBetween(CEILING - 32 * 1024, CEILING);
        this.registry.disable("leak");
        assertThat(this.points.retainedBytes()).isZero();
    }
}
