package dev.oddshop.platform.fault.app;

import dev.oddshop.platform.fault.FaultPoint;

/** The test service's fault points. */
public final class TestFaultPoints {

	public static final FaultPoint WORK = new FaultPoint("test.work", "GET /work, before it answers");

	public static final FaultPoint DECIDE = new FaultPoint("test.decide",
			"GET /decide: answers whether a DECLINE fault struck");

	private TestFaultPoints() {
	}

}
