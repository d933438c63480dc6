package dev.oddshop.drill;

import dev.oddshop.drill.PhaseSignals.ServiceSignals;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks (service, fault kind) suspects from the telemetry alone, the fault phase against the
 * baseline, as an on-call engineer reasons: where did the time or the errors originate (not
 * merely pass through), and what resource or business signal moved there. The scores are
 * plain weights; the drill grades the ranking against the scenario's ground truth.
 */
final class SuspectRanking {

    /** Each service's database, for the database's own view of waits. */
    private static final Map<String, String> DATABASES = Map.of(
            "inventory-service",
            "inventory",
            "order-service",
            "orders",
            "payment-service",
            "payments",
            "catalog-service",
            "catalog");

    private final Map<String, Suspect> suspects = new LinkedHashMap<>();

    static List<Suspect> rank(PhaseSignals baseline, PhaseSignals fault) {
        SuspectRanking ranking = new SuspectRanking();
        double ordersKept = fault.ordersKept(baseline);
        ranking.business(baseline.business(), fault.business(), ordersKept);
        List<Call> calls = calls(baseline, fault);
        compared(baseline, fault)
                .forEach(service -> ranking.service(
                        service.name(),
                        service.before(),
                        service.during(),
                        waits(baseline, service.name()),
                        waits(fault, service.name()),
                        failingCallees(calls, service.name(), false),
                        troubledCallees(calls, service.name())));
        calls.forEach(call -> ranking.dependency(
                call,
                baseline.services().get(call.before().caller()),
                fault.services().get(call.before().caller()),
                failingCallees(calls, call.before().caller(), true),
                ordersKept));
        if (ranking.suspects.isEmpty()) {
            ranking.weakest(baseline, fault);
        }
        return ranking.suspects.values().stream()
                .sorted(Comparator.comparingDouble(Suspect::score).reversed())
                .toList();
    }

    /** How suspects name the edge between a caller and its callee: the network, or an external provider. */
    static String edge(String caller, String callee) {
        return caller + " -> " + callee;
    }

    private static PhaseSignals.DatabaseWaits waits(PhaseSignals signals, String service) {
        return signals.databaseWaits()
                .getOrDefault(DATABASES.getOrDefault(service, ""), new PhaseSignals.DatabaseWaits(0, 0));
    }

    private void business(PhaseSignals.Business before, PhaseSignals.Business during, double ordersKept) {
        if (during.capturesNeverSent() > 0) {
            add(
                    "payment-service",
                    "NEVER_SETTLED",
                    15 + during.capturesNeverSent() / 10,
                    "%.0f payments captured with no provider call (shop_payments_total{provider_result=\"not_sent\"})"
                            .formatted(during.capturesNeverSent()));
        }
        // weighed by the orders left: on a trickle of sales, one order settled across the window's
        // edge looks like a large shortfall (the checkout incident once ranked WRONG_AMOUNT first so).
        // A few per cent is the window's edge too: revenue and the provider's settlements are two
        // counters, counted a moment apart (a slowed payment.charge showed 2 %); a wrong amount at
        // the matrix's strength costs 45 %.
        if (during.settledShortfallRatio() * ordersKept > 0.10 && during.capturesNeverSent() == 0) {
            add(
                    "payment-service",
                    "WRONG_AMOUNT",
                    12 + 10 * during.settledShortfallRatio(),
                    "provider settled %.0f%% less than the revenue, though every capture was sent"
                            .formatted(100 * during.settledShortfallRatio()));
        }
        double declines = during.declineShare() - before.declineShare();
        if (declines > 0.05) {
            add(
                    "payment-provider-simulator",
                    "DECLINE",
                    10 + 20 * declines,
                    "declined payments %.0f%% -> %.0f%% while the provider answers 200"
                            .formatted(100 * before.declineShare(), 100 * during.declineShare()));
        }
        if (during.stormRetryCalls() > 0) {
            add(
                    "payment-service",
                    "RETRY_STORM",
                    12 + during.providerCallsPerPayment(),
                    "the provider-storm retry ran %.0f times; %.1f provider calls per payment (baseline %.1f)"
                            .formatted(
                                    during.stormRetryCalls(),
                                    during.providerCallsPerPayment(),
                                    before.providerCallsPerPayment()));
        }
    }

    private void service(
            String service,
            ServiceSignals before,
            ServiceSignals during,
            PhaseSignals.DatabaseWaits waitsBefore,
            PhaseSignals.DatabaseWaits waitsDuring,
            List<String> failingCallees,
            List<String> troubledCallees) {
        int lost = during.instancesLost() - before.instancesLost();
        if (lost > 0) {
            add(
                    service,
                    "INSTANCE_CRASH",
                    16 + 2 * lost,
                    "%d of its instances refused scrapes (up == 0 at once, not by a timeout): the process is gone, killed or crashed"
                            .formatted(lost));
        }
        double heap = during.liveHeapRatio() - before.liveHeapRatio();
        if (heap > 0.15) {
            add(
                    service,
                    "MEMORY_LEAK",
                    10 + 20 * heap,
                    "heap after GC %.0f%% -> %.0f%% of its maximum"
                            .formatted(100 * before.liveHeapRatio(), 100 * during.liveHeapRatio()));
        }
        boolean poolLeaks = leaks(before, during);
        // requests waiting for a callee that is stuck, slow or failing itself are that callee's
        // symptom, not a suspect here (the matrix pair catalog.product/LATENCY once ranked
        // order-service HANG above the catalog's own latency)
        if (hangs(before, during) && troubledCallees.isEmpty()) {
            String evidence =
                    "requests stuck inside it: the oldest still running after %.0f s (baseline %.1f s); the latency histogram records them only when they end"
                            .formatted(during.longestRunningSeconds(), before.longestRunningSeconds());
            double score = 12 + Math.min(during.longestRunningSeconds(), 60) / 10;
            // stuck behind a pool whose connections are held longer than any request runs: a symptom too
            if (poolLeaks) {
                add(service, "HANG", score / 2, evidence + "; waiting for database connections the pool cannot give");
            } else {
                add(service, "HANG", score, evidence);
            }
        }
        double errors = during.errorRatio() - before.errorRatio();
        if (errors > 0.05) {
            String evidence = "5xx share of its requests %.0f%% -> %.0f%%"
                    .formatted(100 * before.errorRatio(), 100 * during.errorRatio());
            // errors it passes on from a callee that fails its own requests too originate there, not here
            if (failingCallees.isEmpty()) {
                add(service, "ERROR", 3 + 10 * errors, evidence);
            } else {
                add(
                        service,
                        "ERROR",
                        (3 + 10 * errors) / 2,
                        evidence + "; passed on from " + String.join(", ", failingCallees)
                                + ", whose own requests fail too");
            }
        }
        // time the service spends itself, not waiting for its HTTP dependencies: where latency originates
        double own = during.ownSecondsPerRequest() - before.ownSecondsPerRequest();
        if (own < 0.05) {
            return;
        }
        double origin = 4 * Math.min(own, 5);
        String latency = "own time per request %.0f ms -> %.0f ms (not spent in its dependencies)"
                .formatted(1000 * before.ownSecondsPerRequest(), 1000 * during.ownSecondsPerRequest());
        boolean explained = false;
        double cpu = during.cpu() - before.cpu();
        if (cpu > 0.1) {
            add(
                    service,
                    "CPU_HOT_LOOP",
                    origin + 20 * cpu,
                    latency + "; CPU %.0f%% -> %.0f%%".formatted(100 * before.cpu(), 100 * during.cpu()));
            explained = true;
        }
        if (waitsDuring.sleep() > waitsBefore.sleep()) {
            add(
                    service,
                    "SLOW_SQL",
                    origin + 6,
                    latency + "; its database busy in long statements (%d samples)".formatted(waitsDuring.sleep()));
            explained = true;
        }
        if (waitsDuring.lock() > waitsBefore.lock()) {
            add(
                    service,
                    "LOCK_CONTENTION",
                    origin + 5 + Math.min(waitsDuring.lock(), 10) / 2.0,
                    latency + "; sessions waiting on row locks (%d samples)".formatted(waitsDuring.lock()));
            explained = true;
        }
        if (during.poolPending() > before.poolPending()) {
            if (poolLeaks) {
                add(
                        service,
                        "POOL_EXHAUSTION",
                        origin + 3 + Math.min(during.poolPending(), 20) / 4,
                        latency
                                + "; up to %.0f requests waiting for a connection, one held %.0f s, longer than any request"
                                        .formatted(during.poolPending(), during.connectionHeldSeconds()));
                explained = true;
            } else {
                latency +=
                        "; requests queue for connections their slow handlers hold (up to %.0f waiting, none held longer than a request)"
                                .formatted(during.poolPending());
            }
        }
        // a monitor held 250 ms per checkout at 3 checkouts/s keeps two threads BLOCKED at a time
        if (during.blockedThreads() - before.blockedThreads() >= 2) {
            add(
                    service,
                    "THREAD_SATURATION",
                    origin + 4,
                    latency + "; up to %.0f threads BLOCKED".formatted(during.blockedThreads()));
            explained = true;
        }
        add(service, "LATENCY", explained ? origin / 2 : origin, latency);
    }

    /**
     * Cause or mechanism: a leak keeps connections longer than any request lasts, even the ones
     * still running (those give up at the pool's timeout); a slow or hung handler holds its
     * connection only while it is slow, and the pool merely passes the wait on to the requests
     * queued behind it.
     */
    private static boolean leaks(ServiceSignals before, ServiceSignals during) {
        return during.poolPending() > before.poolPending()
                && during.connectionHeldSeconds()
                        > 1.2
                                * Math.max(
                                        Math.max(during.p95Seconds(), during.ownSecondsPerRequest()),
                                        during.longestRunningSeconds());
    }

    /** Requests running inside the service far longer than any used to: they hang there. */
    private static boolean hangs(ServiceSignals before, ServiceSignals during) {
        return during.longestRunningSeconds() > 3
                && during.longestRunningSeconds() > 4 * Math.max(before.longestRunningSeconds(), before.p95Seconds());
    }

    /**
     * A call whose errors or latency rose while its callee's own requests stayed calm: the failure
     * is between them (the network, a refused connection, an external provider's front door). A
     * call that stopped while revenue fell is a finding too, never silence, unless something else
     * stopped it: less work reaching the caller, or the caller's journey ending earlier at another
     * failing call.
     */
    private void dependency(
            Call call,
            ServiceSignals callerBefore,
            ServiceSignals callerDuring,
            List<String> callerFailingElsewhere,
            double ordersKept) {
        PhaseSignals.DependencySignals before = call.before();
        PhaseSignals.DependencySignals during = call.during();
        String edge = edge(before.caller(), before.target());
        boolean calleeCalm = call.calleeCalm();
        double errors = during.errorRatio() - before.errorRatio();
        if (errors > 0.05 && calleeCalm) {
            boolean noAnswer = during.noAnswerRatio() > during.errorRatio() / 2;
            add(
                    edge,
                    noAnswer ? "UNREACHABLE" : "ERROR",
                    8 + 12 * errors,
                    "calls failing %.0f%% -> %.0f%% (%.0f%% without any answer) while %s's own requests show no errors"
                            .formatted(
                                    100 * before.errorRatio(),
                                    100 * during.errorRatio(),
                                    100 * during.noAnswerRatio(),
                                    before.target()));
        }
        if (call.slower() && calleeCalm) {
            double slower = during.p95Seconds() - before.p95Seconds();
            add(
                    edge,
                    "LATENCY",
                    4 + 4 * Math.min(slower, 5),
                    "call p95 %.0f ms -> %.0f ms while %s answers its own requests as fast as before"
                            .formatted(1000 * before.p95Seconds(), 1000 * during.p95Seconds(), before.target()));
        }
        boolean workArrives = callerBefore == null
                || callerDuring == null
                || callerDuring.requestRate() >= 0.5 * callerBefore.requestRate();
        if (before.rate() > 0.2
                && during.rate() < 0.2 * before.rate()
                && ordersKept < 0.5
                && calleeCalm
                && workArrives
                && callerFailingElsewhere.stream().noneMatch(callee -> !callee.equals(before.target()))) {
            add(
                    edge,
                    "UNREACHABLE",
                    10,
                    "calls dropped %.1f/s -> %.1f/s while confirmed orders fell to %.0f%%"
                            .formatted(before.rate(), during.rate(), 100 * ordersKept));
        }
    }

    /** A call between two services in both phases, and whether its callee's own requests stayed calm. */
    private record Call(
            PhaseSignals.DependencySignals before, PhaseSignals.DependencySignals during, boolean calleeCalm) {

        boolean failsMore() {
            return this.during.errorRatio() - this.before.errorRatio() > 0.05;
        }

        boolean slower() {
            return this.during.p95Seconds() - this.before.p95Seconds() > 0.3
                    && this.during.p95Seconds() > 2 * this.before.p95Seconds();
        }
    }

    private static List<Call> calls(PhaseSignals baseline, PhaseSignals fault) {
        return baseline.dependencies().entrySet().stream()
                .map(entry -> {
                    PhaseSignals.DependencySignals before = entry.getValue();
                    PhaseSignals.DependencySignals during = fault.dependencies()
                            .getOrDefault(
                                    entry.getKey(),
                                    new PhaseSignals.DependencySignals(before.caller(), before.target(), 0, 0, 0, 0));
                    return new Call(
                            before,
                            during,
                            calm(
                                    baseline.services().get(before.target()),
                                    fault.services().get(before.target())));
                })
                .toList();
    }

    /**
     * The callees whose calls from {@code caller} fail more than before: all of them, or only those
     * whose own requests fail too ({@code anyCallee} false: the errors the caller passes on).
     */
    private static List<String> failingCallees(List<Call> calls, String caller, boolean anyCallee) {
        return calls.stream()
                .filter(call ->
                        call.before().caller().equals(caller) && call.failsMore() && (anyCallee || !call.calleeCalm()))
                .map(call -> call.before().target())
                .toList();
    }

    /** The callees of {@code caller} that are not calm while its calls to them got slower or fail more. */
    private static List<String> troubledCallees(List<Call> calls, String caller) {
        return calls.stream()
                .filter(call -> call.before().caller().equals(caller)
                        && !call.calleeCalm()
                        && (call.failsMore() || call.slower()))
                .map(call -> call.before().target())
                .toList();
    }

    /** Calm: no more errors, no slower answers, and nothing stuck inside (a hang never answers); unknown is calm. */
    private static boolean calm(ServiceSignals before, ServiceSignals during) {
        return before == null
                || during == null
                || (during.errorRatio() - before.errorRatio() < 0.02
                        && during.p95Seconds() < Math.max(2 * before.p95Seconds(), before.p95Seconds() + 0.1)
                        && !hangs(before, during));
    }

    /**
     * When no rule names anything while customers lose, the services whose errors or latency rose
     * most, weakly: an empty list is never an answer.
     */
    private void weakest(PhaseSignals baseline, PhaseSignals fault) {
        for (Compared service : compared(baseline, fault)) {
            ServiceSignals before = service.before();
            ServiceSignals during = service.during();
            double errors = during.errorRatio() - before.errorRatio();
            double slower = during.p95Seconds() - before.p95Seconds();
            if (errors > 0.01) {
                add(
                        service.name(),
                        "ERROR",
                        1 + 10 * errors,
                        "weak: 5xx share %.1f%% -> %.1f%%, no rule explains it"
                                .formatted(100 * before.errorRatio(), 100 * during.errorRatio()));
            }
            if (slower > 0.02) {
                add(
                        service.name(),
                        "LATENCY",
                        1 + Math.min(slower, 5),
                        "weak: p95 %.0f ms -> %.0f ms, no rule explains it"
                                .formatted(1000 * before.p95Seconds(), 1000 * during.p95Seconds()));
            }
        }
    }

    /** A service the ranking may suspect (not the gateway, which only passes failures on), in both phases. */
    private record Compared(String name, ServiceSignals before, ServiceSignals during) {}

    private static List<Compared> compared(PhaseSignals baseline, PhaseSignals fault) {
        return fault.services().entrySet().stream()
                .filter(service -> baseline.services().containsKey(service.getKey())
                        && !service.getKey().equals("gateway"))
                .map(service ->
                        new Compared(service.getKey(), baseline.services().get(service.getKey()), service.getValue()))
                .toList();
    }

    private void add(String service, String kind, double score, String evidence) {
        this.suspects.merge(
                service + "/" + kind,
                new Suspect(service, kind, score, evidence),
                (a, b) -> a.score() >= b.score() ? a : b);
    }
}
