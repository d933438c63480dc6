package dev.oddshop.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Which requests are admin requests: /admin/**, the actuator beyond the open endpoints, and
 * {@code shop.admin.paths}. The servlet and reactive security configurations turn these rules
 * into Spring Security matchers, which match the path the framework routes with (decoded, path
 * parameters removed), so an encoded letter or a {@code ;} cannot steer around them.
 */
public final class AdminSurfaces {

    /** Actuator endpoints anyone may read: the index, health for probes, prometheus for scrapes. */
    public static final List<String> OPEN =
            List.of("/actuator", "/actuator/health", "/actuator/health/**", "/actuator/prometheus");

    /**
     * A guarded surface.
     *
     * @param method the method it applies to, or null for any
     * @param pattern a Spring path pattern
     */
    public record Rule(HttpMethod method, String pattern) {}

    private final List<Rule> guarded;

    public AdminSurfaces(AdminProperties properties) {
        List<Rule> rules = new ArrayList<>(List.of(new Rule(null, "/admin/**"), new Rule(null, "/actuator/**")));
        properties.paths().stream().map(AdminSurfaces::parse).forEach(rules::add);
        this.guarded = List.copyOf(rules);
    }

    /** "METHOD /pattern" or "/pattern" (any method). */
    private static Rule parse(String rule) {
        int space = rule.indexOf(' ');
        return space < 0
                ? new Rule(null, rule.strip())
                : new Rule(
                        HttpMethod.valueOf(rule.substring(0, space).strip().toUpperCase()),
                        rule.substring(space + 1).strip());
    }

    /** The guarded surfaces; a request that also matches {@link #OPEN} stays open. */
    public List<Rule> guarded() {
        return this.guarded;
    }
}
