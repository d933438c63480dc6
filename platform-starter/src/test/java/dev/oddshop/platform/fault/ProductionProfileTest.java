package dev.oddshop.platform.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.platform.fault.app.FaultTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** In the production profile the fault engine is off: no controls, no registry, fault points that never strike. */
@SpringBootTest(classes = FaultTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("production")
class ProductionProfileTest {

    @Autowired
    ApplicationContext context;

    @Test
    void hasNoFaultControls() {
        assertThat(this.context.getBeanNamesForType(FaultController.class)).isEmpty();
        assertThat(this.context.getBeanNamesForType(FaultRegistry.class)).isEmpty();
        assertThat(this.context.getBean(FaultPoints.class)).isSameAs(FaultPoints.NONE);
    }
}
