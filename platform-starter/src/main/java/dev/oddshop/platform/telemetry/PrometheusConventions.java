package dev.oddshop.platform.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps every service's /actuator/prometheus clean under {@code promtool check metrics}: every
 * metric gets HELP text, label names are snake_case (Spring Cloud Gateway's are camelCase), the
 * gateway's route gauge loses its "_count" suffix, and the three JVM meters whose names break
 * the conventions (an abbreviated unit, "_count" on a gauge) are left out: process_cpu_usage
 * covers what they said.
 */
public class PrometheusConventions implements MeterFilter {

    private static final Set<String> UNCONVENTIONAL =
            Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return UNCONVENTIONAL.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name =
                id.getName().equals("spring.cloud.gateway.routes.count") ? "spring.cloud.gateway.routes" : id.getName();
        String description =
                id.getDescription() == null || id.getDescription().isBlank() ? describe(name) : id.getDescription();
        List<Tag> tags = id.getTags().stream()
                .map(tag -> Tag.of(snakeCase(tag.getKey()), tag.getValue()))
                .toList();
        return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), description, id.getType());
    }

    /** "routeId" -> "route_id". */
    static String snakeCase(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** "http.server.requests.active" -> "Http server requests active". */
    static String describe(String name) {
        String words = name.replace('.', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
