package dev.oddshop.drill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's short drill of the checkout incident on the embedded platform, with Debian's Prometheus
 * and Alertmanager: the expected page fires, the culprit is among the top 3 suspects, the audit
 * is clean. The report lands in load-tests/target/drill/.
 */
class DrillIT {

	@Test
	void theCheckoutIncidentIsDetectedDiagnosedAndLeavesTheDataSound() throws Exception {
		assertThat(Drill.run("checkout-incident", "--brief", "--port", "18180")).isTrue();
	}

}
