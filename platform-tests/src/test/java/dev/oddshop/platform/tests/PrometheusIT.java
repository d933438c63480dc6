package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.monitoring.LocalMonitoring;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus and Alertmanager (Debian's packages) scrape the running platform with the
 * stack's own rules while traffic flows: every expression of the rules, dashboards and runbooks
 * parses and returns series (where a healthy platform has any), the names the runbooks' TraceQL
 * and LogQL use are on the spans (an in-test OTLP receiver stands in for Tempo) and in the log
 * lines of this platform, and half the payments declining pages through Alertmanager.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class PrometheusIT {

    /** Dashboard queries that are empty while the shop is healthy, and why. */
    private static final Map<String, String> EMPTY_WHEN_HEALTHY = Map.of(
            "shop_fault_active", "no fault is injected (fault injection is its own feature)",
            "outcome=\"SERVER_ERROR\"", "no request failed with a 5xx",
            "jvm_gc_pause_seconds_sum", "a young JVM may not have collected yet");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalMonitoring monitoring;

    private TestPlatform platform;

    /** Stands in for Tempo: the spans the runbooks' TraceQL is checked against. */
    private OtlpReceiver receiver;

    private ShopApi prometheus;

    private ShopApi alertmanager;

    @BeforeAll
    void startMonitoringTheSharedPlatform(TestPlatform platform, OtlpReceiver receiver) throws Exception {
        RequiredTools.require("prometheus");
        this.platform = platform;
        this.receiver = receiver;
        this.monitoring = LocalMonitoring.start(
                StackConfigTest.STACK,
                platform.scrapeTargets(),
                Duration.ofSeconds(2),
                StackConfigTest.ROOT.resolve("platform-tests/target/prometheus-run"));
        this.prometheus = new ShopApi(this.monitoring.prometheus().toString());
        this.alertmanager = new ShopApi(this.monitoring.alertmanager().toString());
        traffic();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(query("count by (slo) (slo:sli_error:ratio_rate1m)"))
                        .hasSize(6));
    }

    @AfterAll
    void stop() {
        if (this.monitoring != null) {
            this.monitoring.close();
        }
    }

    @Test
    void scrapesEveryServiceWithExemplars() {
        assertThat(query("up{job=\"shop\"} == 1")).hasSize(ShopService.values().length);
        // every target labelled with its service, which the instance and service alerts count by
        assertThat(query("count by (service_name) (up{job=\"shop\",service_name!=\"\"})"))
                .hasSize(ShopService.values().length);
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
                assertThat(reply.body().path("data").path("result").size())
                        .as("no data: " + expr)
                        .isPositive();
            }
        }
    }

    @Test
    void everyDashboardExpressionParsesAndReturnsDataWhereDataIsExpected() throws IOException {
        for (String expression : StackConfigTest.dashboardExpressions()) {
            String expr = expression
                    .replace("$__rate_interval", "1m")
                    .replace("$service", "order-service")
                    .replace("$slo", "checkout-availability");
            Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(expr));
            assertThat(reply.text("status")).as(expr + "\n" + reply.raw()).isEqualTo("success");
            boolean mayBeEmpty = expr.startsWith("ALERTS")
                    || EMPTY_WHEN_HEALTHY.keySet().stream().anyMatch(expr::contains);
            if (!mayBeEmpty) {
                assertThat(reply.body().path("data").path("result").size())
                        .as("no data: " + expr)
                        .isPositive();
            }
        }
    }

    @Test
    void everyRunbookPromqlQueryParsesAndReturnsDataWhereDataIsExpected() {
        List<Runbooks.Query> queries = Runbooks.queries("promql");
        assertThat(queries).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int withData = 0;
        for (Runbooks.Query query : queries) {
            Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(query.text()));
            if (!"success".equals(reply.text("status"))) {
                problems.add(query + "\n    " + reply.raw());
            } else if (reply.body().path("data").path("result").isEmpty()) {
                if (!query.mayBeEmpty()) {
                    problems.add(
                            query + "\n    returned no data; a query that a healthy platform leaves empty ends with '"
                                    + Runbooks.EMPTY_WHEN_HEALTHY + "' (or '" + Runbooks.COMPOSE_ONLY
                                    + "' for Tempo's metrics)");
                }
            } else {
                withData++;
            }
        }
        assertThat(problems).as("runbook PromQL").isEmpty();
        assertThat(withData).as("runbook queries with data").isPositive();
    }

    /**
     * The names the runbooks' TraceQL and LogQL use are on the spans and in the log lines of this
     * running platform; a fault that changes nothing (zero latency) is switched on for a moment so
     * that the fault's own attribute (fault.id) and log line are there too.
     */
    @Test
    void everyNameTheRunbooksQueryIsOnARealSpanOrLogLine() throws IOException {
        ShopApi catalog = this.platform.direct(ShopService.CATALOG);
        String admin = "Bearer " + TestPlatform.ADMIN_TOKEN;
        Reply on = catalog.post(
                "/admin/faults",
                ShopApi.map(
                        "id",
                        "runbook-names",
                        "kind",
                        "LATENCY",
                        "point",
                        "catalog.product",
                        "duration",
                        "PT0S",
                        "ttl",
                        "PT1M",
                        "note",
                        "PrometheusIT: fault.id on a span"),
                "Authorization",
                admin);
        assertThat(on.status()).as(on.raw()).isBetween(200, 201);
        try {
            for (int i = 0; i < 3; i++) {
                this.platform.api().get("/api/catalog/products/" + (601 + i));
            }
        } finally {
            catalog.delete("/admin/faults/runbook-names", "Authorization", admin);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> this.receiver.spans().stream()
                        .anyMatch(span -> span.attributes().containsKey("fault.id")));
        Map<String, Set<String>> seen = new HashMap<>();
        Set<String> spanNames = new HashSet<>();
        for (OtlpReceiver.ReceivedSpan span : this.receiver.spans()) {
            seen.computeIfAbsent("span", scope -> new TreeSet<>())
                    .addAll(span.attributes().keySet());
            spanNames.add(span.name());
        }
        // the receiver keeps service.name of the resource; the others the starter sets are checked statically
        seen.put("resource", Set.of("service.name"));

        List<Runbooks.Query> traceql = Runbooks.queries("traceql");
        List<JsonNode> report = Runbooks.parseWithGrafanaGrammars(traceql);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < traceql.size(); i++) {
            for (JsonNode attribute : report.get(i).path("attributes")) {
                String scope = attribute.path("scope").asString();
                String name = attribute.path("name").asString();
                boolean staticOnly = scope.equals("resource")
                        && RunbookQueriesTest.resourceAttributes().contains(name);
                if (!staticOnly && !seen.getOrDefault(scope, Set.of()).contains(name)) {
                    problems.add(traceql.get(i) + "\n    no exported span has " + scope + "." + name
                            + "; span attributes seen: " + seen.get("span"));
                }
            }
            for (JsonNode name : report.get(i).path("spanNames")) {
                if (!spanNames.contains(name.asString())) {
                    problems.add(traceql.get(i) + "\n    no exported span is named '" + name.asString()
                            + "'; names seen: " + new TreeSet<>(spanNames));
                }
            }
        }

        Set<String> fields = new TreeSet<>();
        try (Stream<Path> logs = Files.list(this.platform.logs())) {
            for (Path log :
                    logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("{")) {
                        try {
                            JSON.readTree(line).propertyNames().forEach(fields::add);
                        } catch (RuntimeException notJson) {
                            // a stack trace or a line of the JVM itself
                        }
                    }
                }
            }
        }
        List<Runbooks.Query> logql = Runbooks.queries("logql");
        List<JsonNode> logReport = Runbooks.parseWithGrafanaGrammars(logql);
        Set<String> labels = RunbookQueriesTest.lokiLabels();
        for (int i = 0; i < logql.size(); i++) {
            Set<String> extracted = new HashSet<>();
            logReport.get(i).path("extractedLabels").forEach(label -> extracted.add(label.asString()));
            for (JsonNode filter : logReport.get(i).path("filterLabels")) {
                String name = filter.path("name").asString();
                if (!labels.contains(name) && !fields.contains(name) && !extracted.contains(name)) {
                    problems.add(logql.get(i) + "\n    no log line has a field '" + name + "'; fields seen: " + fields);
                }
            }
        }
        assertThat(problems).as("names the runbooks query").isEmpty();
    }

    @Test
    void halfThePaymentsDecliningPagesThroughAlertmanager() {
        for (int i = 0; i < 12; i++) {
            String customer = "decliner-" + i;
            this.platform.checkout(customer, this.platform.cartWith(customer, 401 + i, 1), "tok_declined", null);
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Reply alerts =
                            this.alertmanager.get("/api/v2/alerts?filter=" + encode("alertname=\"SLOBurnRateDrill\""));
                    assertThat(alerts.raw())
                            .contains("\"slo\":\"payment-success\"")
                            .contains("\"name\":\"page\"");
                });
    }

    private void traffic() {
        for (int i = 0; i < 12; i++) {
            String customer = "shopper-" + i;
            this.platform.api().get("/api/catalog/products?q=lamp&size=5");
            Reply checkout =
                    this.platform.checkout(customer, this.platform.cartWith(customer, 501 + i, 1), "tok_visa", null);
            assertThat(checkout.text("status")).as(checkout.raw()).isEqualTo("CONFIRMED");
        }
    }

    private List<?> query(String promql) {
        Reply reply = this.prometheus.get("/api/v1/query?query=" + encode(promql));
        List<Object> result = new ArrayList<>();
        reply.body().path("data").path("result").forEach(result::add);
        return result;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
