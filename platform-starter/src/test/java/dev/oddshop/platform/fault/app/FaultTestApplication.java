package dev.oddshop.platform.fault.app;

import dev.oddshop.platform.fault.DeclaredFaultPoints;
import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoints;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small service with two fault points, to test the fault engine over real HTTP. It has no
 * database: HikariCP is on the starter's classpath for the faults replicas share
 * ({@code SharedFaultsTest} tests those on a PostgreSQL of its own).
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class FaultTestApplication {

    @Bean
    DeclaredFaultPoints faultPoints() {
        return DeclaredFaultPoints.in(TestFaultPoints.class);
    }

    @RestController
    static class Work {

        private final FaultPoints faults;

        Work(FaultPoints faults) {
            this.faults = faults;
        }

        @GetMapping("/work")
        String work() {
            this.faults.strike(TestFaultPoints.WORK);
            return "done";
        }

        @GetMapping("/decide")
        boolean decide() {
            return this.faults.struck(TestFaultPoints.DECIDE, FaultKind.DECLINE);
        }
    }
}
