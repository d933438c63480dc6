package dev.oddshop.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
 * @param replicas instances per service, for those that scale ({@link ShopService#scalable()}); one
 * where absent
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
        Duration startTimeout,
        Map<ShopService, Integer> replicas) {

    /**
     * How long a start may take before it counts as broken. Only a hung start reaches it (a service
     * that exits fails the start at once): six JVMs starting together on a loaded 2-core machine
     * have needed more than four minutes.
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    public PlatformConfig {
        environment = Map.copyOf(environment);
        replicas = Map.copyOf(replicas);
        replicas.forEach((service, count) -> {
            if (count < 1 || (count > 1 && !service.scalable())) {
                throw new IllegalArgumentException(service.module() + " cannot run " + count + " instances");
            }
        });
    }

    public int replicas(ShopService service) {
        return this.replicas.getOrDefault(service, 1);
    }

    /** Every instance to run, in start order: a service's instances together. */
    public List<ServiceInstance> instances() {
        return Stream.of(ShopService.values())
                .flatMap(service -> instances(service).stream())
                .toList();
    }

    public List<ServiceInstance> instances(ShopService service) {
        return IntStream.rangeClosed(1, replicas(service))
                .mapToObj(index -> new ServiceInstance(service, index))
                .toList();
    }

    /** How many consecutive ports from the gateway's the instances take. */
    public int ports() {
        return ports(this.replicas);
    }

    /** How many consecutive ports from the gateway's these replicas take. */
    public static int ports(Map<ShopService, Integer> replicas) {
        int most = replicas.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return ServiceInstance.PORT_STRIDE * (Math.max(most, 1) - 1) + ShopService.values().length;
    }

    public String url(ServiceInstance instance) {
        return "http://localhost:" + instance.port(this.gatewayPort);
    }

    /** A new random secret (192 bits, hex), for an admin token or a session key. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Where the service's first instance answers. */
    public String url(ShopService service) {
        return url(ServiceInstance.first(service));
    }
}
