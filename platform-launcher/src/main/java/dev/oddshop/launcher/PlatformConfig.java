package dev.oddshop.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * How to run the platform.
 *
 * @param projectRoot the checkout, where each module's jar is built
 * @param runDirectory logs, pids, PostgreSQL data, the admin token and the session key
 * @param gatewayPort the gateway's port; the services take the next five
 * @param postgresPort the embedded PostgreSQL's port
 * @param resetData start with empty databases
 * @param adminToken the admin bearer token given to every service
 * @param sessionKey the key the gateway signs customer sessions with
 * @param environment extra environment for every service (e.g. simulator latency)
 * @param startTimeout how long to wait for every service to be ready
 */
public record PlatformConfig(
        Path projectRoot,
        Path runDirectory,
        int gatewayPort,
        int postgresPort,
        boolean resetData,
        String adminToken,
        String sessionKey,
        Map<String, String> environment,
        Duration startTimeout) {

    /**
     * How long a start may take before it counts as broken. Only a hung start reaches it (a service
     * that exits fails the start at once): six JVMs starting together on a loaded 2-core machine
     * have needed more than four minutes.
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    public PlatformConfig {
        environment = Map.copyOf(environment);
    }

    /** A new random secret (192 bits, hex), for an admin token or a session key. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String url(ShopService service) {
        return "http://localhost:" + service.port(this.gatewayPort);
    }
}
