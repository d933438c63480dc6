package dev.oddshop.drill;

import java.util.Map;

/**
 * What the telemetry showed over one phase: the business SLIs, each service's RED and
 * saturation signals, each dependency call's latency and errors, and the database's waits.
 */
record PhaseSignals(
        Phase phase,
        Slis slis,
        Map<String, ServiceSignals> services,
        Map<String, DependencySignals> dependencies,
        Business business,
        Map<String, DatabaseWaits> databaseWaits) {

    /**
     * The user-facing figures. A journey's request failed when the gateway answered it with a 5xx,
     * answered it slower than its SLO's threshold, or (at checkout) confirmed no order for an
     * internal reason; {@code journeyFailureRatios} holds that share per journey route.
     */
    record Slis(
            double checkoutErrorRatio,
            double checkoutP95Seconds,
            double paymentSuccessRatio,
            double revenuePerMinute,
            double confirmedOrdersPerMinute,
            double checkoutsPerSecond,
            Map<String, Double> journeyFailureRatios,
            double gatewayP95Seconds) {}

    /**
     * One service: requests, errors, latency, the time it spends itself per request (not waiting
     * for its HTTP dependencies), CPU, heap after GC, pool waits, the longest a connection was held,
     * blocked threads, how long the oldest request still running had been running (a request
     * that hangs shows in the server's histogram only once it ends), and how many of its instances
     * refused a scrape (the process gone: killed or crashed).
     */
    record ServiceSignals(
            double requestRate,
            double errorRatio,
            double p95Seconds,
            double ownSecondsPerRequest,
            double cpu,
            double liveHeapRatio,
            double poolPending,
            double connectionHeldSeconds,
            double blockedThreads,
            double longestRunningSeconds,
            int instancesLost) {}

    /**
     * One service's calls to one dependency; {@code noAnswerRatio} is the share that got no response
     * at all (refused, reset, timed out: outcome UNKNOWN), part of {@code errorRatio}.
     */
    record DependencySignals(
            String caller, String target, double rate, double errorRatio, double noAnswerRatio, double p95Seconds) {}

    /** Money and payment outcomes. */
    record Business(
            double declineShare,
            double capturesNeverSent,
            double settledShortfallRatio,
            double stormRetryCalls,
            double providerCallsPerPayment) {}

    /** Sessions of one database seen waiting, by what they waited for (samples summed over the phase). */
    record DatabaseWaits(int lock, int sleep) {}

    /**
     * Confirmed orders per minute as a share of the baseline's, at most 1. Orders, not revenue: the
     * load's random carts swing revenue per minute by 10 % with no fault at all.
     */
    double ordersKept(PhaseSignals baseline) {
        double before = baseline.slis().confirmedOrdersPerMinute();
        return before > 0 ? Math.min(1, this.slis.confirmedOrdersPerMinute() / before) : 1;
    }

    /**
     * The worst journey route's failure share above the baseline's share of that route, at least 0.
     * Every journey passes each route, so at least this share of journeys failed; a share over all
     * journey requests would dilute half the checkouts failing to a few per cent.
     */
    double journeysFailedAbove(PhaseSignals baseline) {
        Map<String, Double> before = baseline.slis().journeyFailureRatios();
        return Math.max(
                0,
                this.slis.journeyFailureRatios().entrySet().stream()
                        .mapToDouble(route -> route.getValue() - value(before, route.getKey()))
                        .max()
                        .orElse(0));
    }

    static double value(Map<String, Double> values, String key) {
        return values.getOrDefault(key, 0.0);
    }
}
