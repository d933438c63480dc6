package dev.oddshop.drill;

import java.time.Duration;
import java.time.Instant;

/** A stretch of the drill: warm-up, baseline, fault, recovery. */
record Phase(String name, Instant start, Instant end) {

    Duration length() {
        return Duration.between(this.start, this.end);
    }

    /** The phase as a PromQL range, e.g. "90s", evaluated at its end. */
    String window() {
        return Math.max(1, length().toSeconds()) + "s";
    }
}
