package dev.oddshop.drill;

import dev.oddshop.drill.PhaseSignals.DependencySignals;
import dev.oddshop.drill.PhaseSignals.ServiceSignals;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drill's self-contained Markdown report, with SVG charts beside it. */
final class DrillReport {

    /** Charts: title, unit, PromQL over a 1-minute window. */
    private static final List<String[]> CHARTS = List.of(
            new String[] {
                "checkout-p95",
                "Checkout p95 (order-service)",
                "s",
                "histogram_quantile(0.95, sum by (le) (rate(shop_checkout_seconds_bucket[1m])))"
            },
            new String[] {
                "checkout-errors",
                "Checkouts answered 5xx at the gateway",
                "ratio",
                "(sum(rate(spring_cloud_gateway_requests_seconds_count{route_id=\"checkout\",outcome=\"SERVER_ERROR\"}[1m])) or vector(0)) / sum(rate(spring_cloud_gateway_requests_seconds_count{route_id=\"checkout\"}[1m]))"
            },
            new String[] {
                "payment-success",
                "Payments captured",
                "ratio",
                "sum(rate(shop_payments_total{outcome=\"captured\"}[1m])) / sum(rate(shop_payments_total[1m]))"
            },
            new String[] {"revenue", "Revenue", "EUR/min", "sum(rate(shop_revenue_cents_total[1m])) * 60 / 100"});

    private DrillReport() {}

    static Path write(DrillResult result, PrometheusApi prometheus, Path out, String grafana) throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        List<String> failures = result.failures();
        md.append("# Incident drill: ")
                .append(result.scenario().title())
                .append(" (`")
                .append(result.scenario().name())
                .append("`)\n\n");
        md.append("**Verdict: ").append(failures.isEmpty() ? "PASS" : "FAIL").append("**");
        failures.forEach(failure -> md.append("\n- ").append(failure));
        md.append("\n\n> ").append(result.scenario().story()).append("\n\n");
        md.append("Ground truth: **")
                .append(result.scenario().groundTruth().service())
                .append(' ')
                .append(result.scenario().groundTruth().kind())
                .append("**. Runbook: `")
                .append(result.scenario().runbook())
                .append("`.\n\n");

        md.append("## Phases\n\n| phase | from | to | length |\n|---|---|---|---|\n");
        result.phases()
                .forEach(phase -> md.append("| %s | %s | %s | %ds |\n"
                        .formatted(
                                phase.name(),
                                phase.start(),
                                phase.end(),
                                phase.length().toSeconds())));

        md.append(
                "\n## Detection\n\n| expected alert | firing in Prometheus after | paged (Alertmanager) after |\n|---|---|---|\n");
        result.detections()
                .forEach(detection -> md.append("| %s | %s | %s |\n"
                        .formatted(
                                labels(detection.alert()),
                                detection.firingBeforeFault()
                                        ? "already firing before the fault"
                                        : seconds(detection.firing()),
                                seconds(detection.paged()))));
        md.append("\nOther alerts seen after the warm-up: ")
                .append(
                        result.unexpectedAlerts().isEmpty()
                                ? "none"
                                : String.join(
                                        "; ",
                                        result.unexpectedAlerts().stream()
                                                .map(DrillReport::labels)
                                                .toList()))
                .append(".\n");

        md.append(
                "\n## Service level, per phase\n\n| phase | checkout 5xx | checkout p95 | payments captured | revenue/min | orders/min | checkouts/s |\n|---|---|---|---|---|---|---|\n");
        for (PhaseSignals signals : result.signals()) {
            PhaseSignals.Slis s = signals.slis();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f %% | %.2f s | %.1f %% | %.0f EUR | %.0f | %.2f |%n",
                    signals.phase().name(),
                    100 * s.checkoutErrorRatio(),
                    s.checkoutP95Seconds(),
                    100 * s.paymentSuccessRatio(),
                    s.revenuePerMinute(),
                    s.confirmedOrdersPerMinute(),
                    s.checkoutsPerSecond()));
        }
        md.append('\n');
        for (String[] chart : CHARTS) {
            List<double[]> points = prometheus
                    .range(
                            chart[3],
                            result.phases().getFirst().start(),
                            result.phases().getLast().end(),
                            Duration.ofSeconds(5))
                    .stream()
                    .findFirst()
                    .map(PrometheusApi.Series::points)
                    .orElse(List.of());
            Files.writeString(
                    out.resolve(chart[0] + ".svg"), LineChart.svg(chart[1], chart[2], points, result.phases()));
            md.append("![").append(chart[1]).append("](").append(chart[0]).append(".svg)\n");
        }

        PhaseSignals baseline = result.signals().get(0);
        PhaseSignals fault = result.signals().get(1);
        md.append(
                "\n## Services: baseline -> fault\n\n| service | req/s | 5xx | p95 | own time/req | CPU | heap after GC | pool waiting | blocked threads |\n|---|---|---|---|---|---|---|---|---|\n");
        fault.services().forEach((service, during) -> {
            ServiceSignals before = baseline.services().getOrDefault(service, during);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f -> %.1f | %.1f%% -> %.1f%% | %.0f -> %.0f ms | %.0f -> %.0f ms | %.0f%% -> %.0f%% | %.0f%% -> %.0f%% | %.0f -> %.0f | %.0f -> %.0f |%n",
                    service,
                    before.requestRate(),
                    during.requestRate(),
                    100 * before.errorRatio(),
                    100 * during.errorRatio(),
                    1000 * before.p95Seconds(),
                    1000 * during.p95Seconds(),
                    1000 * before.ownSecondsPerRequest(),
                    1000 * during.ownSecondsPerRequest(),
                    100 * before.cpu(),
                    100 * during.cpu(),
                    100 * before.liveHeapRatio(),
                    100 * during.liveHeapRatio(),
                    before.poolPending(),
                    during.poolPending(),
                    before.blockedThreads(),
                    during.blockedThreads()));
        });
        md.append("\n## Dependencies: baseline -> fault\n\n| call | calls/s | errors | p95 |\n|---|---|---|---|\n");
        fault.dependencies().forEach((call, during) -> {
            DependencySignals before = baseline.dependencies().getOrDefault(call, during);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f -> %.1f | %.1f%% -> %.1f%% | %.0f -> %.0f ms |%n",
                    call,
                    before.rate(),
                    during.rate(),
                    100 * before.errorRatio(),
                    100 * during.errorRatio(),
                    1000 * before.p95Seconds(),
                    1000 * during.p95Seconds()));
        });

        md.append(
                "\n## Suspects, from the telemetry alone\n\n| rank | service | fault kind | score | evidence |\n|---|---|---|---|---|\n");
        for (int i = 0; i < Math.min(5, result.suspects().size()); i++) {
            Suspect suspect = result.suspects().get(i);
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %.1f | %s |%n",
                    i + 1,
                    suspect.service(),
                    suspect.kind(),
                    suspect.score(),
                    suspect.evidence()));
        }
        md.append("\nTop-1 correct: **")
                .append(result.topOne() ? "yes" : "no")
                .append("**; in the top 3: **")
                .append(result.topThree() ? "yes" : "no")
                .append("**.\n");

        md.append("\n## Audit after recovery\n\n");
        md.append(result.audit()
                .map(findings -> findings.isEmpty()
                        ? "Clean: every order final, no stock oversold or left reserved, one payment per order, captured payments = confirmed orders = provider charges.\n"
                        : "FAILED:\n"
                                + String.join(
                                        "\n",
                                        findings.stream()
                                                .map(finding -> "- " + finding)
                                                .toList()) + "\n")
                .orElse("Not run: it needs the deployment's PostgreSQL (--postgres) and provider (--provider).\n"));

        md.append("\n## Evidence to open\n\n");
        if (result.gatlingReport() != null) {
            md.append("- Gatling report: ")
                    .append(out.relativize(result.gatlingReport()))
                    .append('\n');
        }
        for (PrometheusApi.Exemplar exemplar : result.worstTraces()) {
            md.append(String.format(
                    Locale.ROOT, "- slow checkout, %.2f s: trace `%s`", exemplar.value(), exemplar.traceId()));
            if (grafana != null) {
                md.append(" ([Grafana Explore](")
                        .append(grafana)
                        .append("/explore?schemaVersion=1&panes=")
                        .append(URLEncoder.encode(
                                "{\"t\":{\"datasource\":\"tempo\",\"queries\":[{\"refId\":\"A\",\"datasource\":{\"type\":\"tempo\",\"uid\":\"tempo\"},\"queryType\":\"traceql\",\"query\":\""
                                        + exemplar.traceId() + "\"}],\"range\":{\"from\":\"now-1h\",\"to\":\"now\"}}}",
                                StandardCharsets.UTF_8))
                        .append("))");
            }
            md.append('\n');
        }
        Path report = out.resolve("report.md");
        Files.writeString(report, md);
        return report;
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static String seconds(Duration duration) {
        return duration == null ? "**never**" : duration.toSeconds() + " s";
    }
}
