package dev.oddshop.platform.fault;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A place in a service's code where faults strike, and the kinds that act there. Each service
 * declares its points as constants of one class, {@link DeclaredFaultPoints#in} makes them a bean,
 * and a fault at any other point, or of a kind the point does not act on, is refused with 400: a
 * typo cannot make a fault that silently never strikes. The fault matrix ({@code ./drill matrix})
 * drills every declared pair.
 *
 * @param id the name faults and scenarios use: lower case, dots and dashes
 * @param description where in the code it is, and what a fault there hits
 * @param kinds the kinds that act at this point
 * @param callee for a point on an outgoing HTTP call, the service called (the fault then acts
 * inside the observed client call, as the network or the callee would); otherwise null
 */
public record FaultPoint(String id, String description, Set<FaultKind> kinds, String callee) {

    private static final Pattern ID = Pattern.compile("[a-z0-9.-]{1,64}");

    /** What slows or fails a request where it is handled. */
    public static final Set<FaultKind> REQUEST = Set.of(FaultKind.LATENCY, FaultKind.ERROR, FaultKind.HANG);

    /**
     * What strikes the whole process through the requests at a point: struck once per request there,
     * its cost (CPU, heap, a shared monitor, a leaked connection, log noise) is the service's.
     */
    public static final Set<FaultKind> PROCESS = Set.of(
            FaultKind.CPU_HOT_LOOP,
            FaultKind.MEMORY_LEAK,
            FaultKind.LOG_FLOOD,
            FaultKind.THREAD_SATURATION,
            FaultKind.POOL_EXHAUSTION);

    /** What the network or the callee does to an outgoing call. */
    public static final Set<FaultKind> CALL = Set.of(FaultKind.LATENCY, FaultKind.ERROR, FaultKind.UNREACHABLE);

    public FaultPoint {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A fault point's id is 1 to 64 of a-z, 0-9, '.' and '-': " + id);
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("Fault point " + id + " declares no kind");
        }
        kinds = Set.copyOf(kinds);
    }

    /** A point in the service's own code where the given kinds act. */
    @SafeVarargs
    public static FaultPoint of(String id, String description, Set<FaultKind>... kinds) {
        return new FaultPoint(id, description, union(kinds), null);
    }

    /** A point on the outgoing HTTP call to {@code callee}: the kinds of {@link #CALL}. */
    public static FaultPoint call(String id, String callee, String description) {
        return new FaultPoint(id, description, CALL, callee);
    }

    /** The fault point every service has, through the starter. */
    public static final FaultPoint READINESS = of(
            "readiness",
            "the readiness probe: READINESS_FLAP answers DOWN for a share of checks",
            Set.of(FaultKind.READINESS_FLAP));

    @SafeVarargs
    private static Set<FaultKind> union(Set<FaultKind>... sets) {
        Set<FaultKind> all = EnumSet.noneOf(FaultKind.class);
        for (Set<FaultKind> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
