package dev.oddshop.launcher;

import dev.oddshop.launcher.scenario.ScenarioCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code java -jar platform-launcher-exec.jar [--reset] [--replicas N | --replicas SERVICE=N,...]}:
 * runs the platform on embedded defaults in the foreground until it is interrupted (Ctrl-C or
 * SIGTERM from {@code ./shop down}); N instances of catalog, inventory, order and payment, or of
 * the services named. Its {@link LauncherControl} kills and starts instances for drills.
 * {@code ... scenario list|start|stop [NAME]}: puts a scenario to work on a running platform.
 */
public final class ShopLauncher {

    private ShopLauncher() {}

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Path root =
                Path.of(System.getProperty("shop.root", ".")).toAbsolutePath().normalize();
        Path run = root.resolve("run");
        if (!options.isEmpty() && options.getFirst().equals("scenario")) {
            URI gateway = URI.create(
                    System.getenv().getOrDefault("SHOP_URL", "http://localhost:" + intEnv("SHOP_GATEWAY_PORT", 8080)));
            String token = System.getenv().getOrDefault("SHOP_ADMIN_TOKEN", "");
            if (token.isBlank() && Files.isRegularFile(run.resolve("admin-token"))) {
                token = Files.readString(run.resolve("admin-token")).strip();
            }
            ScenarioCommand.run(options.subList(1, options.size()), root, gateway, token);
            return;
        }
        String token = System.getenv().getOrDefault("SHOP_ADMIN_TOKEN", PlatformConfig.newSecret());
        String sessionKey = System.getenv().getOrDefault("SHOP_SESSION_KEY", PlatformConfig.newSecret());
        PlatformConfig config = new PlatformConfig(
                root,
                run,
                intEnv("SHOP_GATEWAY_PORT", 8080),
                intEnv("SHOP_POSTGRES_PORT", 15432),
                options.contains("--reset"),
                token,
                sessionKey,
                Map.of(),
                PlatformConfig.START_TIMEOUT,
                replicas(options));
        System.out.println("Starting PostgreSQL and " + config.instances().size() + " service instances; logs in "
                + run.resolve("logs"));
        Platform platform = Platform.start(config);
        writeSecret(run.resolve("admin-token"), token);
        writeSecret(run.resolve("session-key"), sessionKey);
        LauncherControl control = LauncherControl.start(platform, token);
        Files.writeString(run.resolve("launcher-port"), Integer.toString(control.port()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            platform.close();
            stopped.countDown();
        }));
        printReady(config, platform);
        stopped.await();
    }

    private static void printReady(PlatformConfig config, Platform platform) {
        StringBuilder out = new StringBuilder("\nODD Shop is up.\n");
        for (ServiceInstance instance : config.instances()) {
            out.append("  %-28s %s%n".formatted(instance.name(), config.url(instance)));
        }
        out.append("  %-28s jdbc:postgresql://localhost:%d (user postgres)%n"
                .formatted("postgresql", platform.postgres().port()));
        out.append("\nAPI:          ").append(config.url(ShopService.GATEWAY)).append("/api/catalog/products\n");
        out.append("Admin token:  in run/admin-token   (e.g. -H \"Authorization: Bearer $(cat run/admin-token)\")\n");
        out.append("Stop with:    ./shop down\n");
        System.out.println(out);
    }

    /**
     * {@code --replicas N}: N instances of every service that scales; {@code --replicas
     * order-service=3,catalog-service=2}: of those named; absent, one of each.
     */
    static Map<ShopService, Integer> replicas(List<String> options) {
        int at = options.indexOf("--replicas");
        if (at < 0) {
            return Map.of();
        }
        if (at + 1 >= options.size()) {
            throw new IllegalArgumentException("--replicas needs N or SERVICE=N,...");
        }
        String value = options.get(at + 1);
        Map<ShopService, Integer> replicas = new EnumMap<>(ShopService.class);
        if (value.matches("[0-9]+")) {
            Stream.of(ShopService.values())
                    .filter(ShopService::scalable)
                    .forEach(service -> replicas.put(service, Integer.parseInt(value)));
            return replicas;
        }
        for (String entry : value.split(",")) {
            String[] parts = entry.split("=");
            if (parts.length != 2 || !parts[1].matches("[0-9]+")) {
                throw new IllegalArgumentException("--replicas needs N or SERVICE=N,...: " + value);
            }
            replicas.put(ShopService.of(parts[0]), Integer.parseInt(parts[1]));
        }
        return replicas;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** Readable by the owner only: the secrets stay out of the console and out of other users' reach. */
    private static void writeSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret);
    }
}
