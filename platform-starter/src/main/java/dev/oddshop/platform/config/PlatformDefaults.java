package dev.oddshop.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's defaults (platform-defaults.yml) behind every other property source, so
 * each service states only what is its own and may still override any default. The production
 * profile's defaults come first: no fault engine.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "platform-defaults.yml";

    static final String PRODUCTION = "production";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(PRODUCTION)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "platform-production-defaults", Map.of("shop.faults.enabled", "false")));
        }
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load(SOURCE, new ClassPathResource(SOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
