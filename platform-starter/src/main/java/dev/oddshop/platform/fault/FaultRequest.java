package dev.oddshop.platform.fault;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * A request to switch a fault on; absent values take the defaults (probability 1, now, 10
 * minutes). {@code delay} starts it later, as a scenario's timeline does.
 */
public record FaultRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}")
        String id,

        @NotNull FaultKind kind,
        @NotNull @Pattern(regexp = "[a-z0-9.-]{1,64}") String point,
        @DecimalMin("0.0") @DecimalMax("1.0") Double probability,
        Duration duration,
        Duration jitter,
        Duration delay,
        Duration ttl,
        @Size(max = 200) String note) {

    @AssertTrue(message = "durations and delay must be between 0 and 1 hour, ttl between 1 second and 1 hour")
    boolean isWithinBounds() {
        return within(this.duration, Duration.ZERO)
                && within(this.jitter, Duration.ZERO)
                && within(this.delay, Duration.ZERO)
                && within(this.ttl, Duration.ofSeconds(1));
    }

    private static boolean within(Duration value, Duration min) {
        return value == null || (value.compareTo(min) >= 0 && value.compareTo(FaultRegistry.MAX_TTL) <= 0);
    }
}
