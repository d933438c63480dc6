package dev.oddshop.provider;

import dev.oddshop.platform.fault.DeclaredFaultPoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Plays the external card processor that payment-service charges over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProviderSimulatorApplication {

    @Bean
    DeclaredFaultPoints faultPoints() {
        return DeclaredFaultPoints.in(ProviderFaultPoints.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(ProviderSimulatorApplication.class, args);
    }
}
