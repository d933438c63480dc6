package dev.oddshop.platform.fault;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the readiness probe: a READINESS_FLAP fault at point "readiness" makes a share of
 * checks answer DOWN, as an overloaded or half-started instance does.
 */
public class FaultReadiness implements HealthIndicator {

    private final FaultPoints faults;

    public FaultReadiness(FaultPoints faults) {
        this.faults = faults;
    }

    @Override
    public Health health() {
        return this.faults.struck(FaultPoint.READINESS, FaultKind.READINESS_FLAP)
                ? Health.down().withDetail("fault", "readiness flapping").build()
                : Health.up().build();
    }
}
