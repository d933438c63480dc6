package dev.oddshop.drill;

import dev.oddshop.launcher.Instances;
import dev.oddshop.launcher.Platform;
import dev.oddshop.launcher.PlatformConfig;
import dev.oddshop.launcher.ShopService;
import dev.oddshop.launcher.audit.InvariantAudit;
import dev.oddshop.launcher.monitoring.LocalMonitoring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a drill runs: by default a fresh embedded platform with local Prometheus and
 * Alertmanager (the stack's rules), or a compose deployment reached by URL.
 */
final class DrillTarget implements AutoCloseable {

    static final String EMBEDDED_TOKEN = "drill-admin-token";

    private final String gateway;

    private final String adminToken;

    private PrometheusApi prometheus;

    private final Path root;

    private final Path work;

    private final Map<String, List<String>> scrapeTargets;

    private final InvariantAudit audit;

    private final String providerUrl;

    private final DatabaseWaitSampler waits;

    private final String grafana;

    private final List<AutoCloseable> resources;

    private final Instances instances;

    private AuditFigures auditFrom;

    private DrillTarget(
            String gateway,
            String adminToken,
            PrometheusApi prometheus,
            InvariantAudit audit,
            String providerUrl,
            DatabaseWaitSampler waits,
            String grafana,
            List<AutoCloseable> resources,
            Path root,
            Path work,
            Map<String, List<String>> scrapeTargets,
            Instances instances) {
        this.gateway = gateway;
        this.adminToken = adminToken;
        this.prometheus = prometheus;
        this.root = root;
        this.work = work;
        this.scrapeTargets = scrapeTargets;
        this.audit = audit;
        this.providerUrl = providerUrl;
        this.waits = waits;
        this.grafana = grafana;
        this.resources = resources;
        this.instances = instances;
    }

    /**
     * A fresh platform (empty databases) on ports from {@code gatewayPort} with these replicas,
     * scraped every 5 s.
     */
    static DrillTarget embedded(Path root, Path work, int gatewayPort, Map<ShopService, Integer> replicas)
            throws Exception {
        Platform platform = Platform.start(new PlatformConfig(
                root,
                work.resolve("platform"),
                gatewayPort,
                gatewayPort + Math.max(10, PlatformConfig.ports(replicas)),
                true,
                EMBEDDED_TOKEN,
                PlatformConfig.newSecret(),
                // the reconciler settles an order left PENDING after 15 s instead of a minute: a drill is short
                Map.of("SHOP_ORDERS_STALE_AFTER", "15s"),
                PlatformConfig.START_TIMEOUT,
                replicas));
        Map<String, List<String>> targets = platform.scrapeTargets();
        DatabaseWaitSampler waits = new DatabaseWaitSampler(
                platform.postgres().jdbcUrl("postgres"),
                platform.postgres().username(),
                platform.postgres().password());
        return new DrillTarget(
                platform.config().url(ShopService.GATEWAY),
                EMBEDDED_TOKEN,
                null,
                new InvariantAudit(platform.postgres()),
                platform.config().url(ShopService.PAYMENT_PROVIDER),
                waits,
                null,
                new ArrayList<>(List.of(platform, waits)),
                root,
                work,
                targets,
                platform);
    }

    /**
     * Starts the local Prometheus and Alertmanager once the platform is warm, so the burn-rate
     * windows of the baseline hold no JIT warm-up (a deployment reached by URL has its own).
     */
    void startMonitoring() throws IOException, InterruptedException {
        if (this.prometheus != null) {
            return;
        }
        LocalMonitoring monitoring = LocalMonitoring.start(
                this.root.resolve("observability-stack"),
                this.scrapeTargets,
                Duration.ofSeconds(5),
                this.work.resolve("monitoring"));
        this.resources.addFirst(monitoring);
        this.prometheus = new PrometheusApi(monitoring.prometheus(), monitoring.alertmanager());
    }

    /**
     * A deployment reached by URL (compose). The audit needs its PostgreSQL and the provider
     * simulator; without them the report says the audit was not run.
     */
    static DrillTarget remote(Map<String, String> options, String adminToken) {
        String postgres = options.get("postgres");
        InvariantAudit audit = postgres == null
                ? null
                : new InvariantAudit(
                        database -> postgres + "/" + database,
                        System.getenv().getOrDefault("DB_USER", "postgres"),
                        System.getenv().getOrDefault("DB_PASSWORD", "postgres"));
        return new DrillTarget(
                options.get("url"),
                adminToken,
                new PrometheusApi(URI.create(options.get("prometheus")), URI.create(options.get("alertmanager"))),
                audit,
                options.get("provider"),
                null,
                options.get("grafana"),
                new ArrayList<>(),
                null,
                null,
                Map.of(),
                null);
    }

    String gateway() {
        return this.gateway;
    }

    String adminToken() {
        return this.adminToken;
    }

    PrometheusApi prometheus() {
        return this.prometheus;
    }

    /** The platform's instances, to crash and start again; a deployment reached by URL has none here. */
    Optional<Instances> instances() {
        return Optional.ofNullable(this.instances);
    }

    Optional<String> grafana() {
        return Optional.ofNullable(this.grafana);
    }

    Map<String, PhaseSignals.DatabaseWaits> waits(Phase phase) {
        return this.waits == null ? Map.of() : this.waits.waits(phase);
    }

    /**
     * Where the next audit counts from: the figures now, taken before a run's load while no
     * checkout is in flight. A platform that serves several runs (the matrix's pairs) then audits
     * each on its own, and one run's finding is not every later run's too.
     */
    void startAudit() throws Exception {
        if (this.audit != null && this.providerUrl != null) {
            this.auditFrom = new AuditFigures(this.audit.figures(), providerLedger());
        }
    }

    /** The audit's findings since {@link #startAudit} once every order is final (or the wait ran out); empty means sound. */
    Optional<List<String>> audit(Duration settle) throws Exception {
        if (this.audit == null || this.providerUrl == null) {
            return Optional.empty();
        }
        long end = System.nanoTime() + settle.toNanos();
        while (this.audit.figures().pendingOrders() > 0 && System.nanoTime() < end) {
            Thread.sleep(2_000);
        }
        return Optional.of(this.audit.findings(
                this.audit.figures().since(this.auditFrom.figures()),
                providerLedger().since(this.auditFrom.ledger())));
    }

    private record AuditFigures(InvariantAudit.Figures figures, InvariantAudit.ProviderLedger ledger) {}

    private InvariantAudit.ProviderLedger providerLedger() throws IOException, InterruptedException {
        HttpResponse<String> ledger = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(this.providerUrl + "/v1/ledger"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = JsonMapper.builder().build().readTree(ledger.body());
        return InvariantAudit.ProviderLedger.of(field -> json.path(field).asLong());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }
}
