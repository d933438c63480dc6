package dev.oddshop.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one matrix pair did to customers and what detection made of it.
 *
 * @param pair the fault
 * @param failedJourneys the share of journeys that failed during the fault, above the baseline's
 * share ({@link PhaseSignals#journeysFailedAbove})
 * @param revenueDrop the share of the baseline's revenue per minute lost during the fault, as money
 * the provider collected (a capture never settled is revenue lost), counted in confirmed orders at
 * the baseline's average order value ({@link PhaseSignals#ordersKept})
 * @param p95Before the journeys' p95 at the gateway in the baseline, in seconds
 * @param p95During the same during the fault
 * @param page how long after the fault started the first new page fired; null when none did
 * @param pages the page alerts that started firing during the fault and its recovery
 * @param carriedOver the pages still firing from before the fault (a previous pair's slow windows):
 * they neither count as detection nor disqualify the pair
 * @param forecastOnly every page that fired was a forecast ({@code forecast="true"}: a heap filling
 * up pages before the OutOfMemoryError), which is right before customers lose
 * @param suspects the ranking's top 3
 * @param audit the invariant audit's findings (empty: sound), if it ran
 */
record MatrixOutcome(
        MatrixPair pair,
        double failedJourneys,
        double revenueDrop,
        double p95Before,
        double p95During,
        Duration page,
        List<String> pages,
        List<String> carriedOver,
        boolean forecastOnly,
        List<Suspect> suspects,
        Optional<List<String>> audit) {

    /** A pair that costs more than this share of journeys or of revenue must page... */
    static final double MUST_PAGE = 0.10;

    /** ...within this long. */
    static final Duration PAGE_WITHIN = Duration.ofMinutes(3);

    /** A pair that costs less than this share of both had no customer impact and must not page. */
    static final double NO_IMPACT = 0.02;

    static MatrixOutcome of(MatrixPair pair, DrillResult result, PrometheusApi prometheus) {
        PhaseSignals baseline = result.signals().get(0);
        PhaseSignals fault = result.signals().get(1);
        Instant faultStart = result.phases().get(2).start();
        Instant recoveryEnd = result.phases().get(3).end();
        Map<String, Instant> firstFiring = new TreeMap<>();
        Set<String> forecasts = new TreeSet<>();
        prometheus
                .range(
                        "ALERTS{alertstate=\"firing\",severity=\"page\"}",
                        faultStart.minusSeconds(30),
                        recoveryEnd,
                        Duration.ofSeconds(5))
                .forEach(series -> {
                    if ("true".equals(series.labels().get("forecast"))) {
                        forecasts.add(name(series.labels()));
                    }
                    series.points().stream()
                            .map(point -> Instant.ofEpochMilli((long) (point[0] * 1000)))
                            .min(Instant::compareTo)
                            .ifPresent(first ->
                                    firstFiring.merge(name(series.labels()), first, (a, b) -> a.isBefore(b) ? a : b));
                });
        List<String> carriedOver = firstFiring.entrySet().stream()
                .filter(alert -> !alert.getValue().isAfter(faultStart))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Instant> fresh = new TreeMap<>(firstFiring);
        carriedOver.forEach(fresh::remove);
        Duration page = fresh.values().stream()
                .min(Instant::compareTo)
                .map(first -> Duration.between(faultStart, first))
                .orElse(null);
        return new MatrixOutcome(
                pair,
                fault.journeysFailedAbove(baseline),
                revenueDrop(baseline, fault),
                baseline.slis().gatewayP95Seconds(),
                fault.slis().gatewayP95Seconds(),
                page,
                List.copyOf(fresh.keySet()),
                carriedOver,
                forecasts.containsAll(fresh.keySet()),
                result.suspects().stream().limit(3).toList(),
                result.audit());
    }

    /** The share of the baseline's collected revenue per minute the fault lost. */
    static double revenueDrop(PhaseSignals baseline, PhaseSignals fault) {
        return Math.max(0, 1 - fault.ordersKept(baseline) * settledKept(baseline, fault));
    }

    /**
     * The share of its revenue the provider really settled during the fault, against the baseline's
     * share. A payment reported captured but never charged loses the shop its money while every
     * customer is served, and that is a loss that must page too.
     */
    private static double settledKept(PhaseSignals baseline, PhaseSignals fault) {
        double before = 1 - baseline.business().settledShortfallRatio();
        return before > 0 ? (1 - fault.business().settledShortfallRatio()) / before : 1;
    }

    /** A page alert named by its alert name and what it is about. */
    private static String name(Map<String, String> labels) {
        return labels.get("alertname")
                + detail(labels.get("slo"))
                + detail(labels.get("journey"))
                + detail(labels.get("application"));
    }

    private static String detail(String label) {
        return label == null || label.isEmpty() ? "" : " " + label;
    }

    /** The larger of the two losses. */
    double impact() {
        return Math.max(this.failedJourneys, this.revenueDrop);
    }

    boolean mustPage() {
        return impact() >= MUST_PAGE;
    }

    boolean noImpact() {
        return impact() < NO_IMPACT;
    }

    boolean pagedInTime() {
        return this.page != null && this.page.compareTo(PAGE_WITHIN) <= 0;
    }

    /** A page without customer impact, other than a forecast of it. */
    boolean pagedWithoutImpact() {
        return noImpact() && this.page != null && !this.forecastOnly;
    }

    /** Paged when it had to, and stayed silent without customer impact (a forecast aside). */
    boolean detectionRight() {
        return mustPage() ? pagedInTime() : !pagedWithoutImpact();
    }

    boolean serviceFirst() {
        return !this.suspects.isEmpty() && this.suspects.getFirst().service().equals(this.pair.culprit());
    }

    boolean serviceAndKindFirst() {
        return !this.suspects.isEmpty() && this.pair.namedBy(this.suspects.getFirst());
    }

    boolean culpritInTopThree() {
        return this.suspects.stream().anyMatch(suspect -> suspect.service().equals(this.pair.culprit()));
    }

    boolean auditClean() {
        return this.audit.map(List::isEmpty).orElse(true);
    }

    /**
     * One pair's own verdict (what CI's sampled pairs must meet): detection right, audit clean and,
     * where customers lost, the culprit service among the top 3. The matrix-wide ranking targets
     * are shares over many pairs ({@link MatrixTable}).
     */
    boolean passed() {
        return detectionRight() && auditClean() && (noImpact() || culpritInTopThree());
    }

    /** The pair as a row of the matrix table. */
    String row() {
        return String.format(
                Locale.ROOT,
                "| %s | %.0f %% | %.0f %% | %.2f -> %.2f s | %s | %s | %s | %s | %s |",
                this.pair.id(),
                100 * this.failedJourneys,
                100 * this.revenueDrop,
                this.p95Before,
                this.p95During,
                this.page == null ? "none" : this.page.toSeconds() + " s",
                (this.pages.isEmpty() ? "-" : String.join(", ", this.pages))
                        + (this.carriedOver.isEmpty()
                                ? ""
                                : " (still firing from before: " + String.join(", ", this.carriedOver) + ")"),
                this.suspects.isEmpty()
                        ? "-"
                        : String.join(
                                ", ",
                                this.suspects.stream()
                                        .map(suspect -> suspect.service() + " " + suspect.kind())
                                        .toList()),
                this.audit
                        .map(findings -> findings.isEmpty() ? "clean" : "FAILED: " + findings)
                        .orElse("n/a"),
                passed() ? "pass" : "FAIL");
    }
}
