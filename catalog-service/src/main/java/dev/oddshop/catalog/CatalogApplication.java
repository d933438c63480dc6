package dev.oddshop.catalog;

import dev.oddshop.platform.fault.DeclaredFaultPoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CatalogApplication {

    @Bean
    DeclaredFaultPoints faultPoints() {
        return DeclaredFaultPoints.in(CatalogFaultPoints.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}
