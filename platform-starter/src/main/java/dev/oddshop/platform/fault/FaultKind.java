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
	/** Decision: the payment provider declines a share of charges, still answering 200. */
	DECLINE(true),
	/** Decision: readiness reports DOWN for a share of checks (flapping). */
	READINESS_FLAP(true);

	private final boolean decision;

	FaultKind(boolean decision) {
		this.decision = decision;
	}

	/** Whether the code at the fault point acts on it, rather than the fault engine. */
	public boolean decision() {
		return this.decision;
	}

}
