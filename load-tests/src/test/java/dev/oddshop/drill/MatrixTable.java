package dev.oddshop.drill;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The matrix's table and its targets: every pair that cost customers more than 10 % of journeys
 * or of revenue paged within 3 minutes; no pair without customer impact paged; the culprit
 * service ranked first in at least 90 % of the pairs with impact, service and kind in at least
 * 80 %; the audit clean everywhere.
 */
record MatrixTable(List<MatrixOutcome> outcomes, long seed, boolean wholeMatrix) {

    static final double SERVICE_FIRST = 0.90;

    static final double SERVICE_AND_KIND_FIRST = 0.80;

    static final String HEADER = """
			| pair (service/point/kind) | failed journeys | revenue drop | gateway p95 | page after | pages | top-3 suspects | audit | verdict |
			|---|---|---|---|---|---|---|---|---|
			""";

    /** The pairs the ranking is graded on: those that cost customers something. */
    List<MatrixOutcome> withImpact() {
        return this.outcomes.stream().filter(outcome -> !outcome.noImpact()).toList();
    }

    double share(List<MatrixOutcome> of, Predicate<MatrixOutcome> test) {
        return of.isEmpty() ? 1 : (double) of.stream().filter(test).count() / of.size();
    }

    /**
     * Every pair meets its own targets; the whole matrix also meets the ranking's shares, which a
     * sample of a few pairs cannot measure.
     */
    boolean passed() {
        boolean pairs = this.outcomes.stream().allMatch(MatrixOutcome::passed);
        return pairs
                && (!this.wholeMatrix
                        || share(withImpact(), MatrixOutcome::serviceFirst) >= SERVICE_FIRST
                                && share(withImpact(), MatrixOutcome::serviceAndKindFirst) >= SERVICE_AND_KIND_FIRST);
    }

    String markdown() {
        StringBuilder md = new StringBuilder(HEADER);
        this.outcomes.forEach(outcome -> md.append(outcome.row()).append('\n'));
        List<MatrixOutcome> mustPage =
                this.outcomes.stream().filter(MatrixOutcome::mustPage).toList();
        List<MatrixOutcome> silent =
                this.outcomes.stream().filter(MatrixOutcome::noImpact).toList();
        List<MatrixOutcome> graded = withImpact();
        md.append(String.format(
                Locale.ROOT,
                """

				Seed %d. Pairs: %d.
				- Customer impact over 10 %%: %d pair(s), paged within 3 minutes: %d.
				- No customer impact (under 2 %%): %d pair(s), paged anyway (a forecast aside): %d (%s).
				- Culprit service ranked first: %.0f %% of the %d pair(s) with impact (target 90 %%); service and kind: %.0f %% (target 80 %%).
				- Audit clean: %d of %d.
				- Verdict: %s.
				""",
                this.seed,
                this.outcomes.size(),
                mustPage.size(),
                mustPage.stream().filter(MatrixOutcome::pagedInTime).count(),
                silent.size(),
                silent.stream().filter(MatrixOutcome::pagedWithoutImpact).count(),
                String.join(
                        ", ",
                        silent.stream().map(outcome -> outcome.pair().id()).toList()),
                100 * share(graded, MatrixOutcome::serviceFirst),
                graded.size(),
                100 * share(graded, MatrixOutcome::serviceAndKindFirst),
                this.outcomes.stream().filter(MatrixOutcome::auditClean).count(),
                this.outcomes.size(),
                passed() ? "PASS" : "FAIL"));
        return md.toString();
    }
}
