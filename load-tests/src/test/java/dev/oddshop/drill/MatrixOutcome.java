package dev.oddshop.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one matrix pair did to customers and what detection made of it.
 *
 * @param pair the fault
 * @param failedJourneys the share of journeys that failed during the fault, above the baseline's
 * share (PhaseSignals.Slis#journeyFailureRatio)
 * @param revenueDrop the share of the baseline's revenue per minute lost during the fault
 * @param p95Before the journeys' p95 at the gateway in the baseline, in seconds
 * @param p95During the same during the fault
 * @param page how long after the fault started the first page fired; null when none did
 * @param pages the page alerts that fired during the fault and its recovery
 * @param pagingBefore whether a page was still firing when the fault started (no clean start)
 * @param suspects the ranking's top 3
 * @param audit the invariant audit's findings (empty: sound), if it ran
 */
record MatrixOutcome(MatrixPair pair, double failedJourneys, double revenueDrop, double p95Before, double p95During,
		Duration page,
		List<String> pages, boolean pagingBefore, List<Suspect> suspects, Optional<List<String>> audit) {

	/** A pair that costs more than this share of journeys or of revenue must page... */
	static final double MUST_PAGE = 0.10;

	/** ...within this long. */
	static final Duration PAGE_WITHIN = Duration.ofMinutes(3);

	/** A pair that costs less than this share of both had no customer impact and must not page. */
	static final double NO_IMPACT = 0.02;

	static MatrixOutcome of(MatrixPair pair, DrillResult result, PrometheusApi prometheus) {
		PhaseSignals baseline = result.signals().get(0);
		PhaseSignals fault = result.signals().get(1);
		double revenueBefore = baseline.slis().revenuePerMinute();
		double revenueDrop = revenueBefore > 0 ? Math.max(0, 1 - fault.slis().revenuePerMinute() / revenueBefore) : 0;
		DrillResult.Detection detection = result.detections().getFirst();
		Phase faultPhase = result.phases().get(2);
		Phase recovery = result.phases().get(3);
		return new MatrixOutcome(pair,
				Math.max(0, fault.slis().journeyFailureRatio() - baseline.slis().journeyFailureRatio()), revenueDrop,
				baseline.slis().gatewayP95Seconds(), fault.slis().gatewayP95Seconds(),
				detection.firingBeforeFault() ? null : detection.firing(),
				pagesFiring(prometheus, faultPhase.start(), recovery.end()), detection.firingBeforeFault(),
				result.suspects().stream().limit(3).toList(), result.audit());
	}

	/** Each page alert that fired in the range, named by its alert name and what it is about. */
	private static List<String> pagesFiring(PrometheusApi prometheus, Instant from, Instant to) {
		TreeSet<String> names = new TreeSet<>();
		prometheus.range("ALERTS{alertstate=\"firing\",severity=\"page\"}", from, to, Duration.ofSeconds(15))
			.forEach(series -> names.add(series.labels().get("alertname") + detail(series.labels().get("slo"))
					+ detail(series.labels().get("journey")) + detail(series.labels().get("application"))));
		return List.copyOf(names);
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

	/** Paged when it had to, and stayed silent without customer impact. */
	boolean detectionRight() {
		return mustPage() ? pagedInTime() : !noImpact() || this.page == null;
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
		return detectionRight() && auditClean() && !this.pagingBefore && (noImpact() || culpritInTopThree());
	}

	/** The pair as a row of the matrix table. */
	String row() {
		return String.format(Locale.ROOT, "| %s | %.0f %% | %.0f %% | %.2f -> %.2f s | %s | %s | %s | %s | %s |",
				this.pair.id(), 100 * this.failedJourneys, 100 * this.revenueDrop, this.p95Before, this.p95During,
				this.pagingBefore ? "paging before" : this.page == null ? "none" : this.page.toSeconds() + " s",
				this.pages.isEmpty() ? "-" : String.join(", ", this.pages),
				this.suspects.isEmpty() ? "-" : String.join(", ", this.suspects.stream()
					.map(suspect -> suspect.service() + " " + suspect.kind())
					.toList()),
				this.audit.map(findings -> findings.isEmpty() ? "clean" : "FAILED: " + findings).orElse("n/a"),
				passed() ? "pass" : "FAIL");
	}

}
