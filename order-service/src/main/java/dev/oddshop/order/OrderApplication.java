package dev.oddshop.order;

import dev.oddshop.platform.fault.DeclaredFaultPoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderApplication {

    @Bean
    DeclaredFaultPoints faultPoints() {
        return DeclaredFaultPoints.in(OrderFaultPoints.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
