package dev.oddshop.platform.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each rule catches what it is for, on a fixture that breaks them on purpose. */
class ServiceArchitectureTest {

    private static final String FIXTURE = "dev.oddshop.platform.architecture.fixture";

    /** The fixture lives in the starter's own packages, which every service may use: no boundary broken. */
    @Test
    void theFixtureBreaksTheCycleAndBothTransactionRulesButNotTheServiceBoundary() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);
        assertThat(ServiceArchitecture.rules(FIXTURE).stream().map(rule -> violated(rule, classes)))
                .containsExactly(true, false, true, true);
    }

    private static boolean violated(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).hasViolation();
    }
}
