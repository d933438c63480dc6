package dev.oddshop.catalog;

import dev.oddshop.platform.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The package rules every service keeps (ServiceArchitecture). */
class ArchitectureTest {

    @Test
    void packageBoundariesHold() {
        ServiceArchitecture.verify("dev.oddshop.catalog");
    }
}
