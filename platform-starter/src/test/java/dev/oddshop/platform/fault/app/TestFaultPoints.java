package dev.oddshop.platform.fault.app;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoint;
import java.util.Set;

/** The test service's fault points. */
public final class TestFaultPoints {

    public static final FaultPoint WORK = FaultPoint.of(
            "test.work",
            "GET /work, before it answers",
            FaultPoint.REQUEST,
            FaultPoint.PROCESS,
            Set.of(FaultKind.SLOW_SQL, FaultKind.LOCK_CONTENTION));

    /** The test service's client calls to its own /work, as a dependency. */
    public static final FaultPoint CALL = FaultPoint.call("test.call", "fault-test", "a call to GET /work");

    public static final FaultPoint DECIDE = FaultPoint.of(
            "test.decide", "GET /decide: answers whether a DECLINE fault struck", Set.of(FaultKind.DECLINE));

    private TestFaultPoints() {}
}
