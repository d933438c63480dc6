package dev.oddshop.platform.fault;

/**
 * What a fault does where it strikes. Each kind acts at a named fault point that the service
 * declares in its code (an endpoint, a dependency call, a health check). Most kinds act on their
 * own when struck; decision kinds only answer "yes, strike" and the code at the point does what
 * the kind means (the provider declines, readiness reports DOWN).
 */
public enum FaultKind {

    /** Adds fixed latency plus uniform jitter. */
    LATENCY(false),
    /** Fails the call with a 5xx-style error, with a probability. */
    ERROR(false),
    /** Blocks until the caller gives up (bounded by the fault's expiry). */
    HANG(false),
    /** The named dependency refuses connections: the call fails before anything is sent. */
    UNREACHABLE(false),
    /** Burns CPU in a busy loop for the given duration: the "poorly written loop". */
    CPU_HOT_LOOP(false),
    /** Keeps an allocation per call alive: heap grows, GC works harder, eventually OOM. */
    MEMORY_LEAK(false),
    /** Floods the log with misleading errors that hide the real one. */
    LOG_FLOOD(false),
    /** Runs {@code pg_sleep(duration)} in the caller's transaction: a slow query, seen by the database. */
    SLOW_SQL(false),
    /** Borrows a database connection and keeps it for the duration, off the request: a connection leak. */
    POOL_EXHAUSTION(false),
    /**
     * Holds on for the duration at a point struck while a row lock is held, so every caller
     * wanting that row queues behind it.
     */
    LOCK_CONTENTION(false),
    /**
     * Lets calls pass one at a time, each holding a shared monitor for the duration: request
     * threads pile up BLOCKED, as behind a synchronized hot path.
     */
    THREAD_SATURATION(false),
    /** Decision: the payment provider declines a share of charges, still answering 200. */
    DECLINE(true),
    /** Decision: readiness reports DOWN for a share of checks (flapping). */
    READINESS_FLAP(true),
    /** Decision: a dependency's retries switch to many attempts without backoff. */
    RETRY_STORM(true),
    /** Decision, the silent failure: a payment is reported captured but the provider never charged it. */
    NEVER_SETTLED(true),
    /** Decision, the silent failure: the provider is charged a wrong amount (a tenth: a decimal shift). */
    WRONG_AMOUNT(true);

    private final boolean decision;

    FaultKind(boolean decision) {
        this.decision = decision;
    }

    /** Whether the kind needs the service's database. */
    public boolean needsDatabase() {
        return this == SLOW_SQL || this == POOL_EXHAUSTION;
    }

    /** Whether the code at the fault point acts on it, rather than the fault engine. */
    public boolean decision() {
        return this.decision;
    }
}
