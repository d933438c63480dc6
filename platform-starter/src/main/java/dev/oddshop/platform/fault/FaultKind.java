package dev.oddshop.platform.fault;

/**
 * What a fault does where it strikes. Each kind acts at a named fault point that the service
 * declares in its code (an endpoint, a dependency call, a repository operation).
 */
public enum FaultKind {

	/** Adds fixed latency plus uniform jitter. */
	LATENCY,
	/** Fails the call with a 5xx-style error, with a probability. */
	ERROR,
	/** Blocks until the caller gives up (bounded by the fault's expiry). */
	HANG,
	/** Burns CPU in a busy loop for the given duration: the "poorly written loop". */
	CPU_HOT_LOOP,
	/** Keeps an allocation per call alive: heap grows, GC works harder, eventually OOM. */
	MEMORY_LEAK

}
