package dev.oddshop.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run the platform.
 *
 * @param projectRoot the checkout, where each module's jar is built
 * @param runDirectory logs, pids, PostgreSQL data and the admin token
 * @param gatewayPort the gateway's port; the services take the next five
 * @param postgresPort the embedded PostgreSQL's port
 * @param resetData start with empty databases
 * @param adminToken the admin bearer token given to every service
 * @param environment extra environment for every service (e.g. simulator latency)
 * @param startTimeout how long to wait for every service to be ready
 */
public record PlatformConfig(Path projectRoot, Path runDirectory, int gatewayPort, int postgresPort,
		boolean resetData, String adminToken, Map<String, String> environment, Duration startTimeout) {

	public PlatformConfig {
		environment = Map.copyOf(environment);
	}

	public String url(ShopService service) {
		return "http://localhost:" + service.port(this.gatewayPort);
	}

}
