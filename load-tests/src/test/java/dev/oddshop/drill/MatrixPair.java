package dev.oddshop.drill;

import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One cell of the fault matrix: a fault kind at a fault point a service declares, at the strength
 * every point gets for that kind, and the ground truth the ranking is graded on.
 *
 * @param service the service that declares the point
 * @param point the fault point
 * @param kind the fault kind
 * @param callee for a point on an outgoing call, the service called; otherwise null
 */
record MatrixPair(String service, String point, String kind, String callee) {

    /**
     * What a pair's drill waits to be quiet before its fault: the drill variants of the burn-rate
     * pages, whose 1-minute windows clear soon after the previous pair. Detection itself counts
     * every page that starts firing after the fault ({@link MatrixOutcome}); the slow windows of a
     * previous pair's pages are carried over, not waited for.
     */
    static final Map<String, String> DRILL_PAGES = Map.of("severity", "page", "drill", "true");

    /**
     * Uniform strengths, so pairs compare: probability, duration per struck call and jitter. Errors
     * strike half the calls, latency is 1.5 s +- 0.5 s, resource kinds strike every call at a cost
     * a service would notice, decisions strike half.
     */
    private static final Map<String, Strength> STRENGTHS = Map.ofEntries(
            Map.entry("LATENCY", new Strength(1.0, Duration.ofSeconds(1), Duration.ofSeconds(1))),
            Map.entry("ERROR", new Strength(0.5, null, null)),
            Map.entry("HANG", new Strength(0.05, null, null)),
            Map.entry("UNREACHABLE", new Strength(1.0, null, null)),
            Map.entry("CPU_HOT_LOOP", new Strength(1.0, Duration.ofMillis(100), null)),
            Map.entry("MEMORY_LEAK", new Strength(1.0, Duration.ofMillis(1000), null)),
            Map.entry("LOG_FLOOD", new Strength(1.0, null, null)),
            Map.entry("THREAD_SATURATION", new Strength(1.0, Duration.ofMillis(250), null)),
            Map.entry("POOL_EXHAUSTION", new Strength(0.5, Duration.ofSeconds(15), null)),
            Map.entry("SLOW_SQL", new Strength(1.0, Duration.ofSeconds(1), Duration.ofSeconds(1))),
            Map.entry("LOCK_CONTENTION", new Strength(1.0, Duration.ofSeconds(1), Duration.ofSeconds(1))),
            Map.entry("DECLINE", new Strength(0.5, null, null)),
            Map.entry("RETRY_STORM", new Strength(1.0, null, null)),
            Map.entry("NEVER_SETTLED", new Strength(0.5, null, null)),
            Map.entry("WRONG_AMOUNT", new Strength(0.5, null, null)));

    /**
     * Kinds no matrix drill can show: readiness only matters to a load balancer in front of several
     * replicas, and neither the embedded platform nor compose has one.
     */
    static final Set<String> NOT_DRILLED = Set.of("READINESS_FLAP");

    record Strength(double probability, Duration duration, Duration jitter) {}

    /** How the pair is named on the command line and in the table: service/point/kind. */
    String id() {
        return this.service + "/" + this.point + "/" + this.kind;
    }

    /**
     * Where the ranking should point: the service, or for a call point the edge between caller and
     * callee (the network, an external provider), as {@link SuspectRanking} names edges.
     */
    String culprit() {
        return this.callee == null ? this.service : SuspectRanking.edge(this.service, this.callee);
    }

    /** The suspect kinds that name this fault: a hang is latency that never ends. */
    Set<String> acceptedKinds() {
        return this.kind.equals("HANG") ? Set.of("HANG", "LATENCY") : Set.of(this.kind);
    }

    boolean namedBy(Suspect suspect) {
        return suspect.service().equals(culprit()) && acceptedKinds().contains(suspect.kind());
    }

    /** The pair as a drill scenario: its fault for the drill's fault phase, paging on anything. */
    Scenario scenario() {
        Strength strength = STRENGTHS.get(this.kind);
        if (strength == null) {
            throw new IllegalStateException("No matrix strength for " + this.kind);
        }
        String faultId = "matrix-" + this.kind.toLowerCase(Locale.ROOT).replace('_', '-');
        ScenarioFault fault = new ScenarioFault(
                this.service,
                faultId,
                this.kind,
                this.point,
                strength.probability(),
                strength.duration(),
                strength.jitter(),
                Duration.ZERO,
                MatrixOutcome.PAGE_WITHIN,
                "fault matrix " + id());
        return new Scenario(
                id().replace('/', '_'),
                id(),
                "The fault matrix: " + this.kind + " at " + this.point,
                "whatever it does",
                "checkout",
                List.of(fault),
                Map.of(),
                List.of(),
                new Scenario.GroundTruth(culprit(), this.kind),
                List.of(DRILL_PAGES),
                "runbooks/README.md");
    }
}
