package dev.oddshop.drill;

import java.time.Duration;

/**
 * How long each phase lasts; Gatling's load spans them all. Monitoring starts after the warm-up,
 * so the JIT's first minute never counts against an SLO.
 */
record DrillTimings(Duration warmUp, Duration baseline, Duration fault, Duration recovery, double checkoutRate) {

    /** What users run: long enough for the slow windows to settle. */
    static DrillTimings full() {
        return new DrillTimings(
                Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(2), 4);
    }

    /** CI's: just long enough for the drill alerts (5m/1m windows) to fire. */
    static DrillTimings brief() {
        return new DrillTimings(
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(45), 3);
    }

    /**
     * A fault matrix pair, on a platform {@link MatrixWarmUp} warmed. Its fault stays on for the 3
     * minutes a page may take: a 44 % loss of orders (half the good cards declined) crosses the
     * business guard's line only at the end of a 2-minute fault, and faded before its 30 s had
     * passed. The recovery plus baseline let the 1-minute windows of the previous pair's alerts
     * clear (the wait for a quiet start does the rest).
     */
    static DrillTimings matrix() {
        return new DrillTimings(
                Duration.ofSeconds(20), Duration.ofSeconds(60), MatrixOutcome.PAGE_WITHIN, Duration.ofSeconds(45), 3);
    }

    Duration total() {
        return this.warmUp.plus(this.baseline).plus(this.fault).plus(this.recovery);
    }
}
