package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where we build, so docker-compose.yml is checked for consistency here:
 * what it builds, mounts, names and waits for must exist and agree with the embedded launcher;
 * what it publishes, the networks every container talks over, and that no secret has a default.
 */
class ComposeFileTest {

    private static final Path ROOT =
            Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

    private static final Pattern HTTP_URL = Pattern.compile("http://([a-z0-9-]+):(\\d+)");

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([a-z0-9-]+):5432/([a-z_]+)");

    /** host:port in a mounted config file (http://loki:3100, a scrape target gateway:8080). */
    private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w.-])([a-z][a-z0-9-]*):(\\d{2,5})\\b");

    /** The network of the services, PostgreSQL and the stack: no port can be published from it, no route out. */
    private static final String INTERNAL = "backend";

    /** The only port of the shop published, to every interface: the gateway's. */
    private static final String GATEWAY_PORT = "8080:8080";

    /** The UIs the README sends users to, by container; published to this machine only (127.0.0.1). */
    private static final Map<String, String> UIS = Map.of(
            "grafana",
            "3000",
            "prometheus",
            "9090",
            "alertmanager",
            "9093",
            "tempo",
            "3200",
            "loki",
            "3100",
            "pyroscope",
            "4040");

    /** Secrets: compose refuses to start without them, `./shop compose-env` writes them to .env. */
    private static final Set<String> SECRETS =
            Set.of("SHOP_ADMIN_TOKEN", "SHOP_SESSION_KEY", "POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD");

    /** An environment variable that holds a secret, by its name. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY)");

    private static String text;

    private static Map<String, Object> compose;

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        text = Files.readString(ROOT.resolve("docker-compose.yml"));
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryServiceOfTheLauncherOnTheSamePort() {
        for (ShopService service : ShopService.values()) {
            Map<String, Object> compose = services.get(service.module());
            assertThat(compose).as(service.module()).isNotNull();
            String port = Integer.toString(service.port(8080));
            assertThat(env(service.module())).containsEntry("PORT", port);
            if (service == ShopService.GATEWAY) {
                assertThat((List<Object>) compose.get("ports")).containsExactly(port + ":" + port);
            }
            assertThat(args(service.module())).containsEntry("MODULE", service.module());
            assertThat(ROOT.resolve(service.module()).resolve("pom.xml")).isRegularFile();
            assertThat(Files.exists(ROOT.resolve(service.module()).resolve("src/main/resources/application.yml")))
                    .isTrue();
        }
        assertThat(ROOT.resolve("Dockerfile")).isRegularFile();
    }

    /**
     * The one Dockerfile: Maven's repository in a BuildKit cache (not downloaded again per image), Spring
     * Boot's layers copied from the least to the most often changed, a user other than root, the
     * Pyroscope agent where compose's JAVA_TOOL_OPTIONS looks for it, and the jar the entrypoint runs.
     */
    @Test
    void theImageBuildsWithACachedRepositoryAndRunsSpringBootsLayers() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        assertThat(lines.getFirst())
                .as("BuildKit's Dockerfile syntax, for RUN --mount")
                .isEqualTo("# syntax=docker/dockerfile:1");
        // instructions, continuation lines joined, comments left out
        List<String> instructions = String.join("\n", lines)
                .replaceAll("\\\\\n\\s*", " ")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(instructions)
                .anyMatch(line -> line.matches("RUN --mount=type=cache,target=/root/\\.m2\\s+\\./mvnw .*"));
        String extract = instructions.stream()
                .filter(line -> line.contains("-Djarmode=tools"))
                .findFirst()
                .orElseThrow();
        Matcher extracted = Pattern.compile("-jar (\\S+) extract --layers --destination (\\S+)")
                .matcher(extract);
        assertThat(extracted.find()).as(extract).isTrue();
        String jar = Path.of(extracted.group(1)).getFileName().toString();
        String layers = extracted.group(2);
        // the runtime stage: from the last FROM on
        String from = instructions.stream()
                .filter(line -> line.startsWith("FROM "))
                .toList()
                .getLast();
        List<String> image = instructions.subList(instructions.lastIndexOf(from), instructions.size());
        assertThat(image.stream().filter(line -> line.startsWith("COPY --from=build " + layers + "/")))
                .containsExactly(Stream.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")
                        .map(layer -> "COPY --from=build " + layers + "/" + layer + "/ /app/")
                        .toArray(String[]::new));
        assertThat(image)
                .filteredOn(line -> line.startsWith("USER "))
                .singleElement()
                .satisfies(user -> assertThat(user).isNotIn("USER root", "USER 0"));
        // the application layer holds the jar under the name it had when extracted (no --launcher)
        assertThat(image.getLast()).isEqualTo("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + jar + "\"]");
        Matcher agent = Pattern.compile("-javaagent:(\\S+)")
                .matcher(String.valueOf(env(ShopService.GATEWAY.module()).get("JAVA_TOOL_OPTIONS")));
        assertThat(agent.find()).as("compose attaches the Pyroscope agent").isTrue();
        assertThat(image)
                .anyMatch(line -> line.startsWith("COPY --from=build ") && line.endsWith(" " + agent.group(1)));
    }

    @Test
    void everyUrlNamesAServiceOnItsPortOnANetworkBothShare() {
        services.keySet()
                .forEach(name -> env(name).values().forEach(value -> {
                    Matcher url = HTTP_URL.matcher(String.valueOf(value));
                    if (url.matches()) {
                        assertReaches(name, url.group(1), url.group(2), value.toString());
                    }
                    Matcher jdbc = JDBC_URL.matcher(String.valueOf(value));
                    if (jdbc.matches()) {
                        assertReaches(name, jdbc.group(1), "5432", value.toString());
                    }
                }));
    }

    /**
     * The stack's configs (Prometheus' scrape targets and Alertmanager, Tempo's remote write,
     * Alloy's Loki, Grafana's datasources): each container reaches what its mounted files name.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyMountedConfigNamesAServiceOnItsPortOnANetworkBothShare() {
        Set<String> checked = new TreeSet<>();
        services.forEach((name, service) -> ((List<String>) service.getOrDefault("volumes", List.of()))
                .stream()
                        .filter(volume -> volume.startsWith("./"))
                        .flatMap(volume -> files(ROOT.resolve(volume.substring(2, volume.indexOf(':')))))
                        .filter(file -> file.toString().matches(".*\\.(ya?ml|alloy)"))
                        .forEach(file -> {
                            Matcher hostPort = HOST_PORT.matcher(read(file));
                            while (hostPort.find()) {
                                if (services.containsKey(hostPort.group(1))) {
                                    assertReaches(
                                            name,
                                            hostPort.group(1),
                                            hostPort.group(2),
                                            ROOT.relativize(file) + ": " + hostPort.group());
                                    checked.add(name + " -> " + hostPort.group(1));
                                }
                            }
                        }));
        assertThat(checked)
                .contains(
                        "prometheus -> gateway",
                        "prometheus -> payment-provider-simulator",
                        "prometheus -> alertmanager",
                        "tempo -> prometheus",
                        "alloy -> loki",
                        "alloy -> tempo",
                        "grafana -> prometheus",
                        "grafana -> tempo",
                        "grafana -> loki",
                        "grafana -> pyroscope",
                        "grafana -> alertmanager");
    }

    @Test
    void everyDatabaseIsCreatedAndEveryServiceReadsItsOwn() throws IOException {
        String init = Files.readString(ROOT.resolve("docker/postgres/init-databases.sql"));
        services.keySet()
                .forEach(name -> env(name).values().forEach(value -> {
                    Matcher url = JDBC_URL.matcher(String.valueOf(value));
                    if (url.matches()) {
                        assertThat(url.group(1)).isEqualTo("postgres");
                        assertThat(init).contains("create database " + url.group(2) + ";");
                    }
                }));
        for (ShopService service : ShopService.values()) {
            if (service.database() != null) {
                String variable = service.database().toUpperCase() + "_DB_URL";
                assertThat(env(service.module())).containsKey(variable);
                assertThat(Files.readString(
                                ROOT.resolve(service.module()).resolve("src/main/resources/application.yml")))
                        .contains("${" + variable + ":");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedFileExists() {
        services.forEach((name, service) -> ((List<String>) service.getOrDefault("volumes", List.of()))
                .stream()
                        .filter(volume -> volume.startsWith("./"))
                        .forEach(volume -> assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':'))))
                                .as(name)
                                .exists()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesWaitForTheirDependenciesAsFarAsTheseCanTell() {
        services.forEach((name, service) -> {
            if (service.containsKey("build")
                    || List.of("postgres", "prometheus", "alertmanager", "grafana")
                            .contains(name)) {
                assertThat(service).as(name + " says when it is healthy").containsKey("healthcheck");
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                ((Map<String, Map<String, String>>) dependsOn).forEach((dependency, condition) -> {
                    Map<String, Object> target = services.get(dependency);
                    assertThat(target).as(name + " depends on " + dependency).isNotNull();
                    // wait for healthy where the dependency can say so; a one-shot job must finish
                    String expected = "no".equals(target.get("restart"))
                            ? "service_completed_successfully"
                            : target.containsKey("healthcheck") ? "service_healthy" : "service_started";
                    assertThat(condition).as(name + " -> " + dependency).containsEntry("condition", expected);
                });
            }
        });
    }

    /**
     * State that must outlive a container, by the flag that places it: Prometheus' TSDB and Alloy's
     * read positions (a command replaces the image's, and with it the image's --storage.path).
     */
    @Test
    @SuppressWarnings("unchecked")
    void stateIsKeptInANamedVolume() {
        Map<String, String> stateFlags = Map.of("prometheus", "--storage.tsdb.path", "alloy", "--storage.path");
        Set<String> declared = ((Map<String, Object>) compose.getOrDefault("volumes", Map.of())).keySet();
        stateFlags.forEach((name, flag) -> {
            List<String> command = ((List<Object>) services.get(name).get("command"))
                    .stream().map(String::valueOf).toList();
            String path = command.stream()
                    .filter(argument -> argument.startsWith(flag + "="))
                    .map(argument -> argument.substring(flag.length() + 1))
                    .findFirst()
                    .orElse(null);
            assertThat(path).as(name + " is given " + flag).isNotBlank();
            assertThat(((List<String>) services.get(name).getOrDefault("volumes", List.of()))
                            .stream()
                                    .map(volume -> volume.split(":"))
                                    .filter(volume -> volume.length >= 2 && volume[1].equals(path))
                                    .map(volume -> volume[0]))
                    .as(name + ": a named volume at " + path)
                    .singleElement()
                    .satisfies(volume -> assertThat(declared).contains(volume));
        });
    }

    @Test
    void imagesArePinned() {
        services.forEach((name, service) -> {
            Object image = service.get("image");
            if (image != null) {
                assertThat(image.toString()).as(name).matches("[a-z0-9./-]+:v?[0-9][A-Za-z0-9._-]*");
            }
        });
        args("gateway").forEach((key, value) -> {
            if (key.endsWith("_IMAGE")) {
                assertThat(value.toString()).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
            }
        });
    }

    @Test
    void onlyTheGatewayOfTheShopPublishesAPort() {
        services.forEach((name, service) -> {
            if (service.containsKey("build") && !name.equals(ShopService.GATEWAY.module())) {
                assertThat(service)
                        .as(name + " is reached through the gateway only")
                        .doesNotContainKey("ports");
            }
        });
        for (ShopService service : ShopService.values()) {
            if (service != ShopService.GATEWAY) {
                assertThat(services.get(service.module())).as(service.module()).doesNotContainKey("ports");
            }
        }
        assertThat(services.get(ShopService.GATEWAY.module()).get("ports")).isEqualTo(List.of(GATEWAY_PORT));
    }

    @Test
    void everyPortButTheGatewaysIsPublishedToThisMachineOnly() {
        services.keySet()
                .forEach(name -> ports(name).forEach(port -> {
                    if (!name.equals(ShopService.GATEWAY.module())) {
                        // the UIs too: unauthenticated Prometheus (lifecycle API), Alertmanager (silences), Loki
                        // and Pyroscope (push) stay on this machine; the README says how to open one wider
                        assertThat(port.hostIp())
                                .as(name + " publishes " + port + " beyond this machine")
                                .isEqualTo("127.0.0.1");
                    }
                }));
        UIS.forEach((name, ui) -> assertThat(ports(name))
                .as(name + "'s UI, which the README promises")
                .contains(new Port("127.0.0.1", ui, ui)));
    }

    @Test
    void theShopAndItsDatabaseAreOnTheInternalNetwork() {
        Map<String, Map<String, Object>> declared = networks();
        assertThat(declared).containsKey(INTERNAL);
        assertThat(declared.get(INTERNAL)).as(INTERNAL).containsEntry("internal", true);
        for (ShopService service : ShopService.values()) {
            assertThat(networks(service.module())).as(service.module()).contains(INTERNAL);
            if (service != ShopService.GATEWAY) {
                // nothing but internal networks: no port can be published, no connection goes out
                assertThat(networks(service.module()))
                        .as(service.module())
                        .allMatch(network -> internal(declared, network));
            }
        }
        assertThat(networks("postgres")).as("postgres").contains(INTERNAL);
        services.forEach((name, service) -> {
            // a container on no network named would land on compose's default network, outside the internal one
            if (!"none".equals(service.get("network_mode"))) {
                assertThat(networks(name)).as(name + " names its networks").isNotEmpty();
                assertThat(declared).as(name).containsKeys(networks(name).toArray(String[]::new));
            }
            if (!ports(name).isEmpty()) {
                assertThat(networks(name))
                        .as(name + " publishes ports: Docker needs a network that is not internal")
                        .anyMatch(network -> !internal(declared, network));
            }
        });
    }

    @Test
    void secretsHaveNoDefaultAndComposeEnvWritesEachOfThem() throws IOException {
        Set<String> interpolated = new TreeSet<>();
        // comments are not interpolated
        String values = text.replaceAll("(?m)^\\s*#.*$", "");
        Matcher reference = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(values);
        while (reference.find()) {
            String name = reference.group(1);
            if (SECRETS.contains(name) || SECRET_NAME.matcher(name).matches()) {
                interpolated.add(name);
                int end = values.indexOf('}', reference.start());
                String form = end < 0 ? reference.group() : values.substring(reference.start(), end + 1);
                // ${NAME:?message}: compose refuses to start while NAME is unset or empty, and says why
                assertThat(form)
                        .as("secret " + name + " must be required, with no default")
                        .matches("\\$\\{" + name + ":\\?[^}]*" + name + "[^}]*\\./shop compose-env[^}]*\\}");
            }
        }
        assertThat(interpolated).containsExactlyInAnyOrderElementsOf(SECRETS);
        services.forEach((name, service) -> env(name).forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(String.valueOf(value))
                        .as(name + ": " + variable + " is a secret")
                        .matches("\\$\\{[A-Z_]+:\\?[^}]+\\}");
            }
        }));
        Matcher written = Pattern.compile("(?m)^COMPOSE_SECRETS=\\(([A-Z_ ]+)\\)$")
                .matcher(Files.readString(ROOT.resolve("shop")));
        assertThat(written.find()).as("./shop compose-env's COMPOSE_SECRETS").isTrue();
        assertThat(written.group(1).trim().split(" +")).containsExactlyInAnyOrderElementsOf(SECRETS);
    }

    @Test
    void onlyTheGatewayGetsTheSessionKey() {
        assertThat(String.valueOf(env(ShopService.GATEWAY.module()).get("SHOP_SESSION_KEY")))
                .startsWith("${SHOP_SESSION_KEY:?");
        services.keySet().stream()
                .filter(name -> !name.equals(ShopService.GATEWAY.module()))
                .forEach(name -> assertThat(env(name)).as(name).doesNotContainKey("SHOP_SESSION_KEY"));
    }

    @Test
    void theSecretsFileIsNeitherCommittedNorSentToABuild() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(".env");
    }

    /** {@code from} reaches {@code to} on a network both are on, and {@code to} listens on {@code port}. */
    private static void assertReaches(String from, String to, String port, String what) {
        assertThat(services).as(from + ": " + what).containsKey(to);
        if (services.get(to).containsKey("build")) {
            assertThat(env(to)).as(from + ": " + what).containsEntry("PORT", port);
        } else {
            assertThat(Stream.concat(ports(to).stream().map(Port::target), exposed(to).stream()))
                    .as(from + ": " + what + ", a port " + to + " listens on")
                    .contains(port);
        }
        assertThat(networks(from))
                .as(from + " and " + to + " share a network: " + what)
                .containsAnyElementsOf(networks(to));
    }

    /** A published port: host address (null: every interface), host port and container port. */
    record Port(String hostIp, String published, String target) {}

    @SuppressWarnings("unchecked")
    private static List<Port> ports(String service) {
        return ((List<Object>) services.get(service).getOrDefault("ports", List.of()))
                .stream()
                        .map(spec -> {
                            if (spec instanceof Map<?, ?> map) {
                                return new Port(
                                        string(map.get("host_ip")),
                                        string(map.get("published")),
                                        string(map.get("target")));
                            }
                            // [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]
                            String value = spec.toString().replaceFirst("/(tcp|udp)$", "");
                            int target = value.lastIndexOf(':');
                            if (target < 0) {
                                return new Port(null, null, value);
                            }
                            String host = value.substring(0, target);
                            int published = host.lastIndexOf(':');
                            return published < 0
                                    ? new Port(null, host, value.substring(target + 1))
                                    : new Port(
                                            host.substring(0, published),
                                            host.substring(published + 1),
                                            value.substring(target + 1));
                        })
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> exposed(String service) {
        return ((List<Object>) services.get(service).getOrDefault("expose", List.of()))
                .stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> networks(String service) {
        Object networks = services.get(service).get("networks");
        return networks instanceof Map<?, ?> map
                ? (Collection<String>) map.keySet()
                : networks instanceof List<?> list ? (Collection<String>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> networks() {
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        ((Map<String, Object>) compose.getOrDefault("networks", Map.of()))
                .forEach((name, network) ->
                        declared.put(name, network == null ? Map.of() : (Map<String, Object>) network));
        return declared;
    }

    private static boolean internal(Map<String, Map<String, Object>> declared, String network) {
        return Boolean.TRUE.equals(declared.getOrDefault(network, Map.of()).get("internal"));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** The files of a mount; npm's node_modules (the pages' browser bundles) hold no config of ours. */
    private static Stream<Path> files(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk
                    .filter(Files::isRegularFile)
                    .filter(file -> !path.relativize(file).toString().contains("node_modules"))
                    .toList()
                    .stream();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(String service) {
        return (Map<String, Object>)
                ((Map<String, Object>) services.get(service).get("build")).get("args");
    }
}
