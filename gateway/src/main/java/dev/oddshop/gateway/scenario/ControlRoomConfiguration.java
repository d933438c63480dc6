package dev.oddshop.gateway.scenario;

import dev.oddshop.gateway.fault.ServiceFaults;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The control room's scenarios and surprise mode: there only where faults may be switched. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("shop.faults.enabled")
class ControlRoomConfiguration {

    @Bean
    ScenarioLibrary scenarioLibrary() throws IOException {
        return ScenarioLibrary.fromClasspath();
    }

    @Bean
    ScenarioRunner scenarioRunner(ServiceFaults faults) {
        return new ScenarioRunner(faults, Clock.systemUTC());
    }

    @Bean
    SurpriseMode surpriseMode(ScenarioLibrary library, ScenarioRunner runner, ServiceFaults faults) {
        return new SurpriseMode(library, runner, faults);
    }
}
