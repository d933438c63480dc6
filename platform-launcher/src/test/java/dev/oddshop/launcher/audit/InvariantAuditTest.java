package dev.oddshop.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.audit.InvariantAudit.Figures;
import dev.oddshop.launcher.audit.InvariantAudit.ProviderLedger;
import org.junit.jupiter.api.Test;

/** The audit's arithmetic, over one run or over a run that follows others on the same platform. */
class InvariantAuditTest {

    private final InvariantAudit audit = new InvariantAudit(database -> "unused", "unused", "unused");

    /** 10 orders confirmed and captured, 2 of them refunded later, 1 capture never sent: all sound. */
    private static final Figures SOUND = new Figures(0, 10, 10_000, 10, 10_000, 1, 2, 2_000, 0, 0, 0);

    private static final ProviderLedger SOUND_LEDGER = new ProviderLedger(11, 2, 2_000);

    @Test
    void soundFiguresHaveNoFinding() {
        assertThat(this.audit.findings(SOUND, SOUND_LEDGER)).isEmpty();
    }

    @Test
    void aChargeLostInOneRunIsThatRunsFindingNotTheNextOnes() {
        // run 1: the provider charged once more than the shop captured
        Figures afterFirst = SOUND;
        ProviderLedger ledgerAfterFirst = new ProviderLedger(12, 2, 2_000);
        assertThat(this.audit.findings(afterFirst, ledgerAfterFirst))
                .singleElement()
                .asString()
                .contains("double or lost");
        // run 2: 5 more orders, sound; over the whole history the old finding is still there
        Figures afterSecond = new Figures(0, 15, 15_000, 15, 15_000, 1, 2, 2_000, 0, 0, 0);
        ProviderLedger ledgerAfterSecond = new ProviderLedger(17, 2, 2_000);
        assertThat(this.audit.findings(afterSecond, ledgerAfterSecond)).isNotEmpty();
        assertThat(this.audit.findings(afterSecond.since(afterFirst), ledgerAfterSecond.since(ledgerAfterFirst)))
                .isEmpty();
    }

    @Test
    void statesCountAsTheyAreNowNotAsDifferences() {
        Figures before = new Figures(0, 10, 10_000, 10, 10_000, 0, 0, 0, 0, 3, 0);
        // still 3 items reserved and one order pending: a run that leaves them so has findings
        Figures now = new Figures(1, 12, 12_000, 12, 12_000, 0, 0, 0, 0, 3, 0);
        assertThat(this.audit.findings(now.since(before), new ProviderLedger(2, 0, 0)))
                .containsExactly("1 order(s) still PENDING", "3 item(s) still reserved");
    }
}
