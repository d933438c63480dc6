package dev.oddshop.drill;

import static dev.oddshop.drill.PhaseSignals.value;

import dev.oddshop.drill.PhaseSignals.Business;
import dev.oddshop.drill.PhaseSignals.DatabaseWaits;
import dev.oddshop.drill.PhaseSignals.DependencySignals;
import dev.oddshop.drill.PhaseSignals.ServiceSignals;
import dev.oddshop.drill.PhaseSignals.Slis;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/** Reads a phase's signals from Prometheus: every query over the phase's own window, at its end. */
final class SignalCollector {

    /** Which service an outgoing call's URI template reaches (the shop's API paths are unique per service). */
    static String targetOf(String uri) {
        if (uri.startsWith("/v1/charges")) {
            return "payment-provider-simulator";
        }
        if (uri.startsWith("/internal/reservations") || uri.startsWith("/api/inventory")) {
            return "inventory-service";
        }
        if (uri.startsWith("/internal/payments") || uri.startsWith("/api/payments")) {
            return "payment-service";
        }
        if (uri.startsWith("/api/catalog")) {
            return "catalog-service";
        }
        return uri;
    }

    /**
     * Each journey's latency SLO threshold, as a histogram bucket's upper bound, by the gateway
     * routes it covers: what slo-recording.yml measures (SloThresholdsTest keeps the two equal).
     */
    static final Map<String, String> LATENCY_THRESHOLDS =
            Map.of("browse|product|cart|order-status", "0.5", "checkout", "1.0");

    /** The gateway's journey routes, as their SLIs name them. */
    private static final String JOURNEYS = String.join("|", new TreeSet<>(LATENCY_THRESHOLDS.keySet()));

    private static final String GATEWAY = "spring_cloud_gateway_requests_seconds_%s{route_id=~\"%s\"%s}";

    private static final String SERVER = "http_server_requests_seconds_%s{uri!~\"/actuator.*\"%s}";

    private final PrometheusApi prometheus;

    SignalCollector(PrometheusApi prometheus) {
        this.prometheus = prometheus;
    }

    PhaseSignals collect(Phase phase, Map<String, DatabaseWaits> databaseWaits) {
        return new PhaseSignals(
                phase, slis(phase), services(phase), dependencies(phase), business(phase), databaseWaits);
    }

    private Slis slis(Phase phase) {
        String w = phase.window();
        double minutes = Math.max(1, phase.length().toSeconds()) / 60.0;
        double checkouts = scalar(
                phase, "sum(increase(spring_cloud_gateway_requests_seconds_count{route_id=\"checkout\"}[" + w + "]))");
        double failed = scalar(
                phase,
                "sum(increase(spring_cloud_gateway_requests_seconds_count{route_id=\"checkout\",outcome=\"SERVER_ERROR\"}["
                        + w + "]))");
        return new Slis(
                ratio(failed, checkouts),
                scalar(
                        phase,
                        "histogram_quantile(0.95, sum by (le) (increase(shop_checkout_seconds_bucket[" + w + "])))"),
                ratio(
                        scalar(phase, "sum(increase(shop_payments_total{outcome=\"captured\"}[" + w + "]))"),
                        scalar(phase, "sum(increase(shop_payments_total[" + w + "]))")),
                scalar(phase, "sum(increase(shop_revenue_cents_total[" + w + "]))") / 100 / minutes,
                scalar(phase, "sum(increase(shop_orders_total{outcome=\"confirmed\"}[" + w + "]))") / minutes,
                checkouts / Math.max(1, phase.length().toSeconds()),
                journeyFailureRatios(phase),
                scalar(
                        phase,
                        "histogram_quantile(0.95, sum by (le) (increase(" + GATEWAY.formatted("bucket", JOURNEYS, "")
                                + "[" + w + "])))"));
    }

    /**
     * Per journey route (browse, product, cart, checkout, order-status): the share of its requests
     * failed at the edge (a 5xx, or slower than the journey SLO's threshold), and at checkout also
     * the orders failed inside behind a 2xx (an internal reason).
     */
    private Map<String, Double> journeyFailureRatios(Phase phase) {
        String answered = ",outcome!=\"SERVER_ERROR\"";
        Map<String, Double> failed =
                new TreeMap<>(byRoute(phase, GATEWAY.formatted("count", JOURNEYS, ",outcome=\"SERVER_ERROR\"")));
        for (Map.Entry<String, String> threshold : LATENCY_THRESHOLDS.entrySet()) {
            Map<String, Double> fast = byRoute(
                    phase,
                    GATEWAY.formatted("bucket", threshold.getKey(), answered + ",le=\"" + threshold.getValue() + "\""));
            byRoute(phase, GATEWAY.formatted("count", threshold.getKey(), answered))
                    .forEach((route, count) ->
                            failed.merge(route, Math.max(0, count - PhaseSignals.value(fast, route)), Double::sum));
        }
        failed.merge(
                "checkout",
                scalar(
                        phase,
                        "sum(increase(shop_checkouts_total{outcome=\"failed\",cause=\"internal\"}[" + phase.window()
                                + "]))"),
                Double::sum);
        Map<String, Double> ratios = new TreeMap<>();
        byRoute(phase, GATEWAY.formatted("count", JOURNEYS, ""))
                .forEach((route, all) -> ratios.put(route, ratio(PhaseSignals.value(failed, route), all)));
        return ratios;
    }

    /** {@code sum by (route_id) (increase(SERIES[window]))} over the phase. */
    private Map<String, Double> byRoute(Phase phase, String series) {
        return this.prometheus.byLabel(
                "sum by (route_id) (increase(" + series + "[" + phase.window() + "]))", "route_id", phase.end());
    }

    private Map<String, ServiceSignals> services(Phase phase) {
        String w = phase.window();
        Map<String, Double> rate =
                byApp(phase, "sum by (application) (rate(" + SERVER.formatted("count", "") + "[" + w + "]))");
        Map<String, Double> errors = byApp(
                phase,
                "sum by (application) (rate(" + SERVER.formatted("count", ",outcome=\"SERVER_ERROR\"") + "[" + w
                        + "]))");
        Map<String, Double> p95 = byApp(
                phase,
                "histogram_quantile(0.95, sum by (application, le) (rate(" + SERVER.formatted("bucket", "") + "[" + w
                        + "])))");
        Map<String, Double> serverTime =
                byApp(phase, "sum by (application) (rate(" + SERVER.formatted("sum", "") + "[" + w + "]))");
        Map<String, Double> clientTime =
                byApp(phase, "sum by (application) (rate(http_client_requests_seconds_sum[" + w + "]))");
        Map<String, Double> cpu = byApp(phase, "max by (application) (avg_over_time(process_cpu_usage[" + w + "]))");
        // the alert's gauge: the long-lived heap after each GC (jvm_gc_live_data_size_bytes rarely moves under G1)
        Map<String, Double> heap = byApp(
                phase,
                "max by (application) (max_over_time(jvm_memory_usage_after_gc{area=\"heap\",pool=\"long-lived\"}[" + w
                        + "]))");
        Map<String, Double> pending =
                byApp(phase, "max by (application) (max_over_time(hikaricp_connections_pending[" + w + "]))");
        Map<String, Double> held =
                byApp(phase, "max by (application) (max_over_time(hikaricp_connections_usage_seconds_max[" + w + "]))");
        Map<String, Double> running = byApp(
                phase,
                "max by (application) (max_over_time(http_server_requests_active_seconds_max{uri!~\"/actuator.*\"}[" + w
                        + "]))");
        Map<String, Double> blocked = byApp(
                phase,
                "max by (application) (max_over_time(jvm_threads_states_threads{state=\"blocked\"}[" + w + "]))");
        // instances whose scrapes were refused in the phase (failed at once: the process is gone), not
        // timed out (a process too stuck to answer is a hang, which the oldest running request shows)
        Map<String, Double> lost = this.prometheus.byLabel(
                "sum by (service_name) ((1 - min_over_time(up{job=\"shop\"}[" + w
                        + "])) * (max_over_time(scrape_duration_seconds{job=\"shop\"}[" + w + "]) < bool 1))",
                "service_name",
                phase.end());
        Map<String, ServiceSignals> services = new LinkedHashMap<>();
        for (String app : new TreeSet<>(cpu.keySet())) {
            double requests = value(rate, app);
            double own = requests == 0 ? 0 : (value(serverTime, app) - value(clientTime, app)) / requests;
            services.put(
                    app,
                    new ServiceSignals(
                            requests,
                            ratio(value(errors, app), requests),
                            value(p95, app),
                            Math.max(0, own),
                            value(cpu, app),
                            value(heap, app),
                            value(pending, app),
                            value(held, app),
                            value(blocked, app),
                            value(running, app),
                            (int) value(lost, app)));
        }
        return services;
    }

    private Map<String, DependencySignals> dependencies(Phase phase) {
        String w = phase.window();
        Map<String, DependencySignals> dependencies = new LinkedHashMap<>();
        Map<String, Double> rate = byCall(
                phase, "sum by (application, uri) (rate(http_client_requests_seconds_count[" + w + "]))", Double::sum);
        Map<String, Double> errors = byCall(
                phase,
                "sum by (application, uri) (rate(http_client_requests_seconds_count{outcome!~\"SUCCESS|CLIENT_ERROR\"}["
                        + w + "]))",
                Double::sum);
        Map<String, Double> p95 = byCall(
                phase,
                "histogram_quantile(0.95, sum by (application, uri, le) (rate(http_client_requests_seconds_bucket[" + w
                        + "])))",
                Math::max);
        Map<String, Double> noAnswer = byCall(
                phase,
                "sum by (application, uri) (rate(http_client_requests_seconds_count{outcome=\"UNKNOWN\"}[" + w + "]))",
                Double::sum);
        Set<String> calls = new TreeSet<>(rate.keySet());
        for (String call : calls) {
            String[] parts = call.split(" -> ");
            dependencies.put(
                    call,
                    new DependencySignals(
                            parts[0],
                            parts[1],
                            value(rate, call),
                            ratio(value(errors, call), value(rate, call)),
                            ratio(value(noAnswer, call), value(rate, call)),
                            value(p95, call)));
        }
        return dependencies;
    }

    private Business business(Phase phase) {
        String w = phase.window();
        double payments = scalar(phase, "sum(increase(shop_payments_total[" + w + "]))");
        double revenue = scalar(phase, "sum(increase(shop_revenue_cents_total[" + w + "]))");
        double settled = scalar(phase, "sum(increase(shop_provider_settled_cents_total[" + w + "]))");
        double providerCalls = scalar(
                phase,
                "sum(increase(http_server_requests_seconds_count{application=\"payment-provider-simulator\",uri=\"/v1/charges\",method=\"POST\"}["
                        + w + "]))");
        return new Business(
                ratio(scalar(phase, "sum(increase(shop_payments_total{outcome=\"declined\"}[" + w + "]))"), payments),
                scalar(
                        phase,
                        "sum(increase(shop_payments_total{outcome=\"captured\",provider_result=\"not_sent\"}[" + w
                                + "]))"),
                revenue > 0 ? Math.max(0, 1 - settled / revenue) : 0,
                scalar(phase, "sum(increase(resilience4j_retry_calls_total{name=\"provider-storm\"}[" + w + "]))"),
                ratio(providerCalls, payments));
    }

    /** 0 when the query has no data: no event of that kind happened. */
    private double scalar(Phase phase, String promql) {
        double value = this.prometheus.scalar(promql, phase.end());
        return Double.isNaN(value) ? 0 : value;
    }

    private Map<String, Double> byApp(Phase phase, String promql) {
        return this.prometheus.byLabel(promql, "application", phase.end());
    }

    /** Values by "caller -> target service"; the calls of one caller to one target (several URIs) merged. */
    private Map<String, Double> byCall(Phase phase, String promql, BinaryOperator<Double> merge) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (PrometheusApi.Sample sample : this.prometheus.instant(promql, phase.end())) {
            if (!Double.isNaN(sample.value()) && !sample.label("uri").isEmpty()) {
                values.merge(
                        sample.label("application") + " -> " + targetOf(sample.label("uri")), sample.value(), merge);
            }
        }
        return values;
    }

    private static double ratio(double part, double whole) {
        return whole > 0 ? part / whole : 0;
    }
}
