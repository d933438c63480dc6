package dev.oddshop.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddshop.drill.PhaseSignals.Business;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the matrix counts as customer impact: journeys failed and revenue lost. */
class MatrixOutcomeTest {

    private static final Business SETTLED = new Business(0, 0, 0, 0, 1);

    private static final PhaseSignals BASELINE = TestPhases.sales(67_843, 180, SETTLED);

    @Test
    void cheaperCartsAtTheSameOrdersAreNoLoss() {
        // payment.charge CPU_HOT_LOOP in the matrix: 3.00 checkouts/s throughout, all captured, and
        // revenue per minute 10 % lower because the random carts were cheaper
        assertThat(MatrixOutcome.revenueDrop(BASELINE, TestPhases.sales(61_015, 180, SETTLED)))
                .isZero();
    }

    @Test
    void fewerConfirmedOrdersAreTheirShareOfRevenueLost() {
        assertThat(MatrixOutcome.revenueDrop(BASELINE, TestPhases.sales(40_000, 108, SETTLED)))
                .isCloseTo(0.40, within(1e-9));
    }

    @Test
    void revenueCapturedButNeverSettledIsLostThoughEveryOrderConfirms() {
        Business halfUnsettled = new Business(0, 90, 0.45, 0, 0.55);
        assertThat(MatrixOutcome.revenueDrop(BASELINE, TestPhases.sales(67_843, 180, halfUnsettled)))
                .isCloseTo(0.45, within(1e-9));
    }

    @Test
    void moreOrdersThanTheBaselineHideNoShortfall() {
        Business shortfall = new Business(0, 0, 0.12, 0, 1);
        assertThat(MatrixOutcome.revenueDrop(BASELINE, TestPhases.sales(75_000, 200, shortfall)))
                .isCloseTo(0.12, within(1e-9));
    }

    @Test
    void halfTheCheckoutsFailingIsHalfTheJourneysFailingHoweverFewTheCheckoutRequests() {
        PhaseSignals before = TestPhases.journeys(Map.of("browse", 0.01, "checkout", 0.0, "product", 0.0));
        PhaseSignals during = TestPhases.journeys(Map.of("browse", 0.01, "checkout", 0.5, "product", 0.0));
        assertThat(during.journeysFailedAbove(before)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aRouteFailingLessThanInTheBaselineIsNoImpact() {
        // the matrix's first baseline runs on a cold platform: browse was slow then
        PhaseSignals before = TestPhases.journeys(Map.of("browse", 0.30, "checkout", 0.02));
        PhaseSignals during = TestPhases.journeys(Map.of("browse", 0.05, "checkout", 0.02));
        assertThat(during.journeysFailedAbove(before)).isZero();
    }
}
