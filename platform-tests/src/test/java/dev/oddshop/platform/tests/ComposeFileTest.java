package dev.oddshop.platform.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.oddshop.launcher.ShopService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where we build, so docker-compose.yml is checked for consistency here:
 * what it builds, mounts, names and waits for must exist and agree with the embedded launcher.
 */
class ComposeFileTest {

	private static final Path ROOT = Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

	private static final Pattern HTTP_URL = Pattern.compile("http://([a-z0-9-]+):(\\d+)");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([a-z0-9-]+):5432/([a-z_]+)");

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void load() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
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
			assertThat((List<Object>) compose.get("ports")).containsExactly(port + ":" + port);
			assertThat(args(service.module())).containsEntry("MODULE", service.module());
			assertThat(ROOT.resolve(service.module()).resolve("pom.xml")).isRegularFile();
			assertThat(Files.exists(ROOT.resolve(service.module()).resolve("src/main/resources/application.yml")))
				.isTrue();
		}
		assertThat(ROOT.resolve("Dockerfile")).isRegularFile();
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyUrlNamesAServiceOnItsPort() {
		services.keySet().forEach(name -> env(name).values().forEach(value -> {
			Matcher url = HTTP_URL.matcher(String.valueOf(value));
			if (url.matches()) {
				assertThat(services).as(value.toString()).containsKey(url.group(1));
				if (services.get(url.group(1)).containsKey("build")) {
					assertThat(env(url.group(1))).as(value.toString()).containsEntry("PORT", url.group(2));
				}
				else {
					assertThat((List<Object>) services.get(url.group(1)).get("ports")).as(value.toString())
						.anyMatch(port -> port.toString().endsWith(":" + url.group(2)));
				}
			}
		}));
	}

	@Test
	void everyDatabaseIsCreatedAndEveryServiceReadsItsOwn() throws IOException {
		String init = Files.readString(ROOT.resolve("docker/postgres/init-databases.sql"));
		services.keySet().forEach(name -> env(name).values().forEach(value -> {
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
		services.forEach((name, service) -> ((List<String>) service.getOrDefault("volumes", List.of())).stream()
			.filter(volume -> volume.startsWith("./"))
			.forEach(volume -> assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).as(name).exists()));
	}

	@Test
	@SuppressWarnings("unchecked")
	void servicesWaitForTheirDependenciesAsFarAsTheseCanTell() {
		services.forEach((name, service) -> {
			if (service.containsKey("build") || List.of("postgres", "prometheus", "alertmanager", "grafana").contains(name)) {
				assertThat(service).as(name + " says when it is healthy").containsKey("healthcheck");
			}
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				((Map<String, Map<String, String>>) dependsOn).forEach((dependency, condition) -> {
					Map<String, Object> target = services.get(dependency);
					assertThat(target).as(name + " depends on " + dependency).isNotNull();
					// wait for healthy where the dependency can say so; a one-shot job must finish
					String expected = "no".equals(target.get("restart")) ? "service_completed_successfully"
							: target.containsKey("healthcheck") ? "service_healthy" : "service_started";
					assertThat(condition).as(name + " -> " + dependency).containsEntry("condition", expected);
				});
			}
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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> env(String service) {
		return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> args(String service) {
		return (Map<String, Object>) ((Map<String, Object>) services.get(service).get("build")).get("args");
	}

}
