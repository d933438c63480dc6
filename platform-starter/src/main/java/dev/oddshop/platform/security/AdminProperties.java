package dev.oddshop.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin token and the admin surfaces it guards. /admin/** and the actuator endpoints other
 * than health and prometheus are always guarded.
 *
 * @param token the bearer token; blank disables every admin surface
 * @param paths extra admin paths as "METHOD /ant/path" or "/ant/path" (any method)
 */
@ConfigurationProperties("shop.admin")
public record AdminProperties(String token, List<String> paths) {

    public AdminProperties {
        token = token == null ? "" : token.strip();
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
