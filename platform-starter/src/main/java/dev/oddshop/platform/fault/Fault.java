package dev.oddshop.platform.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * An active fault: what, where, how hard, until when, and who switched it on and why.
 *
 * @param id the fault's name, unique in the service (e.g. "provider-latency")
 * @param kind what it does
 * @param point the fault point it strikes (e.g. "provider.charge")
 * @param probability share of calls affected, 0..1
 * @param duration latency, hang or CPU time per affected call; for MEMORY_LEAK the bytes kept are
 * {@code duration.toMillis() * 1024}
 * @param jitter uniform extra latency, 0..jitter
 * @param startedAt when it strikes from (later than the request when it was delayed)
 * @param expiresAt when it switches itself off
 * @param note who and why
 */
public record Fault(
        String id,
        FaultKind kind,
        String point,
        double probability,
        Duration duration,
        Duration jitter,
        Instant startedAt,
        Instant expiresAt,
        String note) {

    public boolean started(Instant now) {
        return !now.isBefore(this.startedAt);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }
}
