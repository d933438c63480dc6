package dev.oddshop.platform.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.ShopApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus and Alertmanager (Debian's packages) scrape the running platform with the
 * stack's own rules while traffic flows: every expression of the rules and dashboards parses
 * and returns series, and half the payments declining pages through Alertmanager.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusIT {

	/** Dashboard queries that are empty while the shop is healthy, and why. */
	private static final Map<String, String> EMPTY_WHEN_HEALTHY = Map.of(
			"shop_fault_active", "no fault is injected (fault injection is its own feature)",
			"outcome=\"SERVER_ERROR\"", "no request failed with a 5xx",
			"jvm_gc_pause_seconds_sum", "a young JVM may not have collected yet");

	private final List<Process> processes = new ArrayList<>();

	private TestPlatform platform;

	private ShopApi prometheus;

	private ShopApi alertmanager;

	@BeforeAll
	void start() throws Exception {
		assumeTrue(StackConfigTest.onPath("prometheus") || System.getenv("CI") != null, "prometheus is not installed");
		this.platform = TestPlatform.start("prometheus-run",
				Map.of("SIMULATOR_LATENCY_MEAN", "20ms", "SIMULATOR_LATENCY_JITTER", "10ms"));
		Path work = StackConfigTest.ROOT.resolve("platform-tests/target/prometheus-run");
		int alertmanagerPort = freePort();
		this.processes.add(start(work.resolve("alertmanager.log"), "prometheus-alertmanager",
				"--config.file=" + StackConfigTest.STACK.resolve("alertmanager/alertmanager.yml"),
				"--storage.path=" + work.resolve("alertmanager-data"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
				"--cluster.listen-address="));
		int prometheusPort = freePort();
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, prometheusConfig(alertmanagerPort));
		this.processes.add(start(work.resolve("prometheus.log"), "prometheus", "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
				"--enable-feature=exemplar-storage"));
		this.prometheus = new ShopApi("http://127.0.0.1:" + prometheusPort);
		this.alertmanager = new ShopApi("http://127.0.0.1:" + alertmanagerPort);
		await().atMost(Duration.ofSeconds(60)).until(() -> ready(this.prometheus) && ready(this.alertmanager));
		traffic();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(query("slo:sli_error:ratio_rate1m")).hasSize(3));
	}

	@AfterAll
	void stop() {
		this.processes.forEach(Process::destroy);
		for (Process process : this.processes) {
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.platform != null) {
			this.platform.close();
		}
	}

	@Test
	void scrapesEveryServiceWithExemplars() {
		assertThat(query("up{job=\"shop\"} == 1")).hasSize(ShopService.values().length);
		Reply exemplars = this.prometheus.get("/api/v1/query_exemplars?query="
				+ encode("shop_checkout_seconds_bucket") + "&start=" + (System.currentTimeMillis() / 1000 - 600)
				+ "&end=" + (System.currentTimeMillis() / 1000 + 60));
		assertThat(exemplars.raw()).as("exemplars with trace ids").contains("trace_id");
	}

	@Test
	void everyRuleExpressionParsesAndEveryRecordingRuleHasData() throws IOException {
		for (Map<String, Object> rule : StackConfigTest.rules()) {
			String expr = (String) rule.get("expr");
			Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(expr));
			assertThat(reply.text("status")).as(expr + "\n" + reply.raw()).isEqualTo("success");
			if (rule.containsKey("record")) {
				assertThat(reply.body().path("data").path("result").size()).as("no data: " + expr).isPositive();
			}
		}
	}

	@Test
	void everyDashboardExpressionParsesAndReturnsDataWhereDataIsExpected() throws IOException {
		for (String expression : StackConfigTest.dashboardExpressions()) {
			String expr = expression.replace("$__rate_interval", "1m")
				.replace("$service", "order-service")
				.replace("$slo", "checkout-availability");
			Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(expr));
			assertThat(reply.text("status")).as(expr + "\n" + reply.raw()).isEqualTo("success");
			boolean mayBeEmpty = expr.startsWith("ALERTS")
					|| EMPTY_WHEN_HEALTHY.keySet().stream().anyMatch(expr::contains);
			if (!mayBeEmpty) {
				assertThat(reply.body().path("data").path("result").size()).as("no data: " + expr).isPositive();
			}
		}
	}

	@Test
	void halfThePaymentsDecliningPagesThroughAlertmanager() {
		for (int i = 0; i < 12; i++) {
			String customer = "decliner-" + i;
			this.platform.checkout(customer, this.platform.cartWith(customer, 401 + i, 1), "tok_declined", null);
		}
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Reply alerts = this.alertmanager.get("/api/v2/alerts?filter=" + encode("alertname=\"SLOBurnRateDrill\""));
			assertThat(alerts.raw()).contains("\"slo\":\"payment-success\"").contains("\"name\":\"page\"");
		});
	}

	private void traffic() {
		for (int i = 0; i < 12; i++) {
			String customer = "shopper-" + i;
			this.platform.api().get("/api/catalog/products?q=lamp&size=5");
			Reply checkout = this.platform.checkout(customer, this.platform.cartWith(customer, 501 + i, 1), "tok_visa",
					null);
			assertThat(checkout.text("status")).as(checkout.raw()).isEqualTo("CONFIRMED");
		}
	}

	private String prometheusConfig(int alertmanagerPort) throws IOException {
		String targets = Stream.of(ShopService.values())
			.map(service -> "\"" + this.platform.direct(service).baseUrl().replace("http://", "") + "\"")
			.collect(Collectors.joining(", "));
		String rules = StackConfigTest.ruleFiles()
			.stream()
			.map(file -> "  - " + file)
			.collect(Collectors.joining("\n"));
		// the stack's prometheus.yml with the embedded platform's addresses and faster intervals
		return """
				global:
				  scrape_interval: 2s
				  evaluation_interval: 2s
				rule_files:
				%s
				alerting:
				  alertmanagers:
				    - static_configs:
				        - targets: ["127.0.0.1:%d"]
				scrape_configs:
				  - job_name: shop
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: [%s]
				""".formatted(rules, alertmanagerPort, targets);
	}

	private List<?> query(String promql) {
		Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(promql));
		List<Object> result = new ArrayList<>();
		reply.body().path("data").path("result").forEach(result::add);
		return result;
	}

	private static boolean ready(ShopApi api) {
		try {
			return api.get("/-/ready").status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Process start(Path log, String... command) throws IOException {
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
