package dev.oddshop.payment;

import dev.oddshop.platform.fault.DeclaredFaultPoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentApplication {

    @Bean
    DeclaredFaultPoints faultPoints() {
        return DeclaredFaultPoints.in(PaymentFaultPoints.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(PaymentApplication.class, args);
    }
}
