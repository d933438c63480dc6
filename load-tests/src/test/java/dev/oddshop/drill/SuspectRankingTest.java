package dev.oddshop.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.drill.PhaseSignals.Business;
import dev.oddshop.drill.PhaseSignals.DependencySignals;
import dev.oddshop.drill.PhaseSignals.ServiceSignals;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ranking's rules, on the figures of real drills. */
class SuspectRankingTest {

    private static final Business CALM = new Business(0, 0, 0, 0, 1);

    /** Revenue per minute comes with confirmed orders per minute at this many euros an order. */
    private static final double AVERAGE_ORDER = 300;

    private static final PhaseSignals BASELINE = phase(54_674, CALM);

    private static final String PROVIDER = "payment-provider-simulator";

    private static final ServiceSignals PROVIDER_CALM = service(2.9, 0, 0.12);

    @Test
    void aWrongAmountShowsAsAShortfallWhileSalesGoOn() {
        List<Suspect> suspects = SuspectRanking.rank(BASELINE, phase(52_000, new Business(0, 0, 0.27, 0, 1)));
        assertThat(suspects.getFirst().is("payment-service", "WRONG_AMOUNT")).isTrue();
    }

    @Test
    void aShortfallOfAFewPerCentIsTheWindowsEdgeNotAWrongAmount() {
        // matrix part 1: payment.charge/CPU_HOT_LOOP, every sale kept, 2 % of revenue not settled in the window
        List<Suspect> suspects = SuspectRanking.rank(BASELINE, phase(54_000, new Business(0, 0, 0.03, 0, 1)));
        assertThat(suspects).noneMatch(suspect -> suspect.is("payment-service", "WRONG_AMOUNT"));
    }

    @Test
    void aShortfallOnATrickleOfSalesIsNoWrongAmount() {
        // the checkout incident in CI: 3.5 % of payments captured, one order settled across the window's edge
        List<Suspect> suspects = SuspectRanking.rank(BASELINE, phase(7_127, new Business(0, 0, 0.08, 0, 0.2)));
        assertThat(suspects).noneMatch(suspect -> suspect.is("payment-service", "WRONG_AMOUNT"));
    }

    @Test
    void refusedConnectionsToACalmCalleePointAtTheEdge() {
        // the provider cut off: every call fails without an answer, the provider itself sees nothing
        PhaseSignals before = withCall(phase(54_674, CALM), providerCall(2.9, 0, 0, 0.15), PROVIDER_CALM);
        PhaseSignals during = withCall(phase(0, CALM), providerCall(2.9, 1, 1, 0.01), service(0, 0, 0));
        assertThat(SuspectRanking.rank(before, during).getFirst())
                .satisfies(top -> assertThat(top.is("payment-service -> " + PROVIDER, "UNREACHABLE"))
                        .as(top.toString())
                        .isTrue());
    }

    @Test
    void aSlowCallToACalleeThatAnswersFastIsLatencyOnTheEdge() {
        PhaseSignals before = withCall(phase(54_674, CALM), providerCall(2.9, 0, 0, 0.15), PROVIDER_CALM);
        PhaseSignals during = withCall(phase(40_000, CALM), providerCall(2.9, 0, 0, 1.9), PROVIDER_CALM);
        assertThat(SuspectRanking.rank(before, during).getFirst().is("payment-service -> " + PROVIDER, "LATENCY"))
                .isTrue();
    }

    @Test
    void errorsTheCalleeAnswersItselfAreTheCalleesNotTheEdges() {
        PhaseSignals before = withCall(phase(54_674, CALM), providerCall(2.9, 0, 0, 0.15), PROVIDER_CALM);
        PhaseSignals during = withCall(phase(30_000, CALM), providerCall(2.9, 0.5, 0, 0.15), service(2.9, 0.5, 0.12));
        List<Suspect> suspects = SuspectRanking.rank(before, during);
        assertThat(suspects.getFirst().is(PROVIDER, "ERROR")).isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.service().contains(" -> "));
    }

    @Test
    void callsThatStopWhileRevenueIsGoneAreAFinding() {
        PhaseSignals before = withCall(phase(54_674, CALM), providerCall(2.9, 0, 0, 0.15), PROVIDER_CALM);
        PhaseSignals during = withCall(phase(0, CALM), providerCall(0, 0, 0, 0), service(0, 0, 0));
        assertThat(SuspectRanking.rank(before, during))
                .first()
                .satisfies(top -> assertThat(top.is("payment-service -> " + PROVIDER, "UNREACHABLE"))
                        .isTrue());
    }

    @Test
    void anSloBurningWithoutARuleStillNamesTheServicesThatWorsened() {
        PhaseSignals before = withService(phase(54_674, CALM), "inventory-service", service(3, 0, 0.02));
        PhaseSignals during = withService(phase(22_000, CALM), "inventory-service", service(3, 0.03, 0.02));
        assertThat(SuspectRanking.rank(before, during))
                .isNotEmpty()
                .first()
                .satisfies(top -> assertThat(top.service()).isEqualTo("inventory-service"));
    }

    @Test
    void aLeakedConnectionIsHeldLongerThanAnyRequestLasts() {
        PhaseSignals before = withService(
                phase(54_674, CALM),
                "inventory-service",
                new ServiceSignals(3, 0, 0.05, 0.02, 0.1, 0.3, 0, 0.02, 0, 0.05, 0));
        PhaseSignals during = withService(
                phase(30_000, CALM),
                "inventory-service",
                new ServiceSignals(3, 0.1, 2.5, 1.8, 0.1, 0.3, 12, 15, 0, 2.5, 0));
        assertThat(SuspectRanking.rank(before, during).getFirst().is("inventory-service", "POOL_EXHAUSTION"))
                .isTrue();
    }

    @Test
    void poolWaitsBehindSlowHandlersAreTheHandlersLatency() {
        // the catalog's product look-ups slowed inside their transaction: the pool drains, but each
        // connection is held only as long as its slow request
        PhaseSignals before = withService(
                phase(54_674, CALM),
                "catalog-service",
                new ServiceSignals(9, 0, 0.02, 0.01, 0.1, 0.3, 0, 0.01, 0, 0.02, 0));
        PhaseSignals during = withService(
                phase(40_000, CALM),
                "catalog-service",
                new ServiceSignals(9, 0, 2.1, 1.6, 0.1, 0.3, 8, 2.0, 0, 2.1, 0));
        List<Suspect> suspects = SuspectRanking.rank(before, during);
        assertThat(suspects.getFirst().is("catalog-service", "LATENCY")).isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.kind().equals("POOL_EXHAUSTION"));
    }

    @Test
    void aCalleeWithRequestsStuckInsideHangsThoughItsHistogramLooksCalm() {
        // the CI sample that ranked the edge: 5 % of catalog look-ups hang until the fault ends, order-service's
        // calls time out without an answer, and catalog's own histogram records nothing until then
        DependencySignals calm = new DependencySignals("order-service", "catalog-service", 4.5, 0, 0, 0.01);
        DependencySignals timingOut = new DependencySignals("order-service", "catalog-service", 4.5, 0.05, 0.05, 2.0);
        ServiceSignals catalogBefore = new ServiceSignals(20, 0, 0.01, 0.005, 0.1, 0.3, 0, 0.01, 0, 0.05, 0);
        ServiceSignals catalogHanging = new ServiceSignals(20, 0, 0.01, 0.005, 0.1, 0.3, 0, 0.01, 0, 95, 0);
        PhaseSignals before = new PhaseSignals(
                BASELINE.phase(),
                BASELINE.slis(),
                Map.of("catalog-service", catalogBefore),
                Map.of("order-service -> catalog-service", calm),
                CALM,
                Map.of());
        PhaseSignals during = new PhaseSignals(
                BASELINE.phase(),
                phase(52_000, CALM).slis(),
                Map.of("catalog-service", catalogHanging),
                Map.of("order-service -> catalog-service", timingOut),
                CALM,
                Map.of());
        List<Suspect> suspects = SuspectRanking.rank(before, during);
        assertThat(suspects.getFirst().is("catalog-service", "HANG"))
                .as(suspects.toString())
                .isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.service().contains(" -> "));
    }

    @Test
    void errorsPassedOnFromACalleeThatFailsItselfAreTheCalleesAndTheCallsCutShortAreNoFinding() {
        // the matrix pair catalog.product/ERROR: order-service answers 5xx for the price look-ups that
        // fail, the checkouts end before their reservation and charge, and payment-service idles
        Map<String, ServiceSignals> servicesBefore = Map.of(
                "catalog-service",
                service(23.0, 0, 0.036),
                "order-service",
                service(14.5, 0, 0.577),
                "inventory-service",
                service(12.0, 0, 0.061),
                "payment-service",
                service(3.0, 0, 0.348),
                PROVIDER,
                service(3.0, 0, 0.213));
        Map<String, ServiceSignals> servicesDuring = Map.of(
                "catalog-service",
                service(13.1, 0.276, 0.013),
                "order-service",
                service(12.1, 0.469, 0.028),
                "inventory-service",
                service(6.1, 0, 0.007),
                "payment-service",
                service(0.1, 0, 0.286),
                PROVIDER,
                service(0.1, 0, 0.213));
        Map<String, DependencySignals> callsBefore = calls(
                new DependencySignals("order-service", "catalog-service", 11.2, 0, 0, 0.041),
                new DependencySignals("order-service", "inventory-service", 6.1, 0, 0, 0.106),
                new DependencySignals("order-service", "payment-service", 3.0, 0, 0, 0.374),
                providerCall(3.0, 0, 0, 0.221));
        Map<String, DependencySignals> callsDuring = calls(
                new DependencySignals("order-service", "catalog-service", 1.2, 0.431, 0, 0.021),
                new DependencySignals("order-service", "inventory-service", 0.2, 0, 0, 0.089),
                new DependencySignals("order-service", "payment-service", 0.1, 0, 0, 0.268),
                providerCall(0.1, 0, 0, 0.228));
        PhaseSignals before =
                new PhaseSignals(BASELINE.phase(), BASELINE.slis(), servicesBefore, callsBefore, CALM, Map.of());
        PhaseSignals during = new PhaseSignals(
                BASELINE.phase(), phase(2_104, CALM).slis(), servicesDuring, callsDuring, CALM, Map.of());

        List<Suspect> suspects = SuspectRanking.rank(before, during);

        assertThat(suspects.getFirst().is("catalog-service", "ERROR"))
                .as(suspects.toString())
                .isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.service().contains(" -> "));
    }

    @Test
    void requestsStuckBehindALeakingPoolAreThePoolsNotAHang() {
        // the matrix pair payment.charge/POOL_EXHAUSTION: half the charges hold a connection for 15 s,
        // the rest wait for one and give up; order-service's checkouts wait for those charges
        Map<String, ServiceSignals> servicesBefore = Map.of(
                "order-service",
                new ServiceSignals(14.8, 0, 0.213, 0.007, 0.05, 0.21, 0, 0.01, 0, 0.2, 0),
                "payment-service",
                new ServiceSignals(3.0, 0, 0.212, 0.007, 0.02, 0.13, 0, 0.02, 0, 0.2, 0),
                PROVIDER,
                service(3.1, 0, 0.193));
        Map<String, ServiceSignals> servicesDuring = Map.of(
                "order-service",
                new ServiceSignals(14.6, 0, 2.883, 0, 0.05, 0.21, 0, 0.01, 0, 7, 0),
                "payment-service",
                new ServiceSignals(4.9, 0.15, 3.146, 0.542, 0.03, 0.14, 17, 15, 0, 6, 0),
                PROVIDER,
                service(1.1, 0, 0.192));
        Map<String, DependencySignals> callsBefore = calls(
                new DependencySignals("order-service", "payment-service", 3.1, 0, 0, 0.214),
                providerCall(3.0, 0, 0, 0.197));
        Map<String, DependencySignals> callsDuring = calls(
                new DependencySignals("order-service", "payment-service", 4.9, 0.147, 0, 3.446),
                providerCall(1.1, 0, 0, 0.197));
        PhaseSignals before =
                new PhaseSignals(BASELINE.phase(), BASELINE.slis(), servicesBefore, callsBefore, CALM, Map.of());
        PhaseSignals during = new PhaseSignals(
                BASELINE.phase(), phase(21_000, CALM).slis(), servicesDuring, callsDuring, CALM, Map.of());

        List<Suspect> suspects = SuspectRanking.rank(before, during);

        assertThat(suspects.getFirst().is("payment-service", "POOL_EXHAUSTION"))
                .as(suspects.toString())
                .isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.is("order-service", "HANG"));
        assertThat(suspects)
                .filteredOn(suspect -> suspect.kind().equals("HANG"))
                .allSatisfy(hang -> assertThat(hang.evidence()).contains("waiting for database connections"));
    }

    @Test
    void anInstanceWhoseScrapesAreRefusedCrashedThoughItsServiceStillServes() {
        // one of two order-service replicas killed: the other serves, the checkouts in flight on the
        // dead one failed at the gateway, and nothing inside any service looks wrong
        PhaseSignals before = withService(
                phase(54_674, CALM),
                "order-service",
                new ServiceSignals(14.6, 0, 0.21, 0.008, 0.05, 0.2, 0, 0.02, 0, 0.3, 0));
        PhaseSignals during = withService(
                phase(53_000, CALM),
                "order-service",
                new ServiceSignals(14.2, 0, 0.23, 0.008, 0.05, 0.2, 0, 0.02, 0, 0.3, 1));
        assertThat(SuspectRanking.rank(before, during).getFirst().is("order-service", "INSTANCE_CRASH"))
                .isTrue();
    }

    @Test
    void requestsWaitingForASlowCalleeAreTheCalleesSymptom() {
        // the matrix pair catalog.product/LATENCY: every product look-up takes 1-2 s, order-service's
        // checkouts (several look-ups each) run 8 s, and its own time does not move
        Map<String, ServiceSignals> servicesBefore = Map.of(
                "catalog-service",
                new ServiceSignals(23.0, 0, 0.018, 0.006, 0.06, 0.13, 0, 0.01, 0, 0.05, 0),
                "order-service",
                new ServiceSignals(14.5, 0, 0.314, 0.015, 0.1, 0.16, 0, 0.02, 0, 0.3, 0));
        Map<String, ServiceSignals> servicesDuring = Map.of(
                "catalog-service",
                new ServiceSignals(23.3, 0, 2.033, 1.113, 0.06, 0.13, 0, 2.0, 0, 2.1, 0),
                "order-service",
                new ServiceSignals(14.4, 0, 3.902, 0.009, 0.11, 0.16, 0, 0.02, 0, 8, 0));
        Map<String, DependencySignals> callsBefore =
                calls(new DependencySignals("order-service", "catalog-service", 11.1, 0, 0, 0.018));
        Map<String, DependencySignals> callsDuring =
                calls(new DependencySignals("order-service", "catalog-service", 11.3, 0.006, 0, 2.063));
        PhaseSignals before =
                new PhaseSignals(BASELINE.phase(), BASELINE.slis(), servicesBefore, callsBefore, CALM, Map.of());
        PhaseSignals during = new PhaseSignals(
                BASELINE.phase(), phase(53_000, CALM).slis(), servicesDuring, callsDuring, CALM, Map.of());

        List<Suspect> suspects = SuspectRanking.rank(before, during);

        assertThat(suspects.getFirst().is("catalog-service", "LATENCY"))
                .as(suspects.toString())
                .isTrue();
        assertThat(suspects).noneMatch(suspect -> suspect.is("order-service", "HANG"));
    }

    private static Map<String, DependencySignals> calls(DependencySignals... calls) {
        return Arrays.stream(calls)
                .collect(Collectors.toMap(call -> SuspectRanking.edge(call.caller(), call.target()), call -> call));
    }

    private static DependencySignals providerCall(double rate, double errors, double noAnswer, double p95) {
        return new DependencySignals("payment-service", PROVIDER, rate, errors, noAnswer, p95);
    }

    private static ServiceSignals service(double rate, double errors, double p95) {
        return new ServiceSignals(rate, errors, p95, 0.01, 0.1, 0.3, 0, 0.01, 0, p95, 0);
    }

    private static PhaseSignals withCall(PhaseSignals signals, DependencySignals call, ServiceSignals callee) {
        return new PhaseSignals(
                signals.phase(),
                signals.slis(),
                Map.of(call.target(), callee),
                Map.of("payment-service -> " + call.target(), call),
                signals.business(),
                Map.of());
    }

    private static PhaseSignals withService(PhaseSignals signals, String name, ServiceSignals service) {
        return new PhaseSignals(
                signals.phase(), signals.slis(), Map.of(name, service), Map.of(), signals.business(), Map.of());
    }

    private static PhaseSignals phase(double revenuePerMinute, Business business) {
        return TestPhases.sales(revenuePerMinute, revenuePerMinute / AVERAGE_ORDER, business);
    }
}
