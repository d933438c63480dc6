package dev.oddshop.drill;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.oddshop.drill.PhaseSignals.Business;
import dev.oddshop.drill.PhaseSignals.Slis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The business signals in the ranking, on the figures of real drills. */
class SuspectRankingTest {

	private static final PhaseSignals BASELINE = phase(54_674, new Business(0, 0, 0, 0, 1));

	@Test
	void aWrongAmountShowsAsAShortfallWhileSalesGoOn() {
		List<Suspect> suspects = SuspectRanking.rank(BASELINE, phase(52_000, new Business(0, 0, 0.27, 0, 1)));
		assertThat(suspects.getFirst().is("payment-service", "WRONG_AMOUNT")).isTrue();
	}

	@Test
	void aShortfallOnATrickleOfSalesIsNoWrongAmount() {
		// the checkout incident in CI: 3.5 % of payments captured, one order settled across the window's edge
		List<Suspect> suspects = SuspectRanking.rank(BASELINE, phase(7_127, new Business(0, 0, 0.08, 0, 0.2)));
		assertThat(suspects).noneMatch(suspect -> suspect.is("payment-service", "WRONG_AMOUNT"));
	}

	private static PhaseSignals phase(double revenuePerMinute, Business business) {
		return new PhaseSignals(new Phase("phase", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)),
				new Slis(0, 0.3, 1, revenuePerMinute, 3), Map.of(), Map.of(), business, Map.of());
	}

}
