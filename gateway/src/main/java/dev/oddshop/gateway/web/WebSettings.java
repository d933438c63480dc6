package dev.oddshop.gateway.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the pages link to and record (shop.web): Grafana for a checkout's trace and the
 * dashboards, where the runbooks are read, and the browser's own telemetry. The pages fetch the
 * links as /web-config.json; none of it is a secret.
 *
 * @param grafanaUrl Grafana as the learner's browser reaches it; null hides every Grafana link
 * @param runbooksUrl where a runbook path of the repository (runbooks/...) is read; null shows the path
 * @param dashboards the dashboards the control room links to
 */
@ConfigurationProperties("shop.web")
public record WebSettings(
        String grafanaUrl, String runbooksUrl, List<Dashboard> dashboards, BrowserTelemetry browserTelemetry) {

    public WebSettings {
        // an unset environment variable binds as "": no link rather than a broken one
        grafanaUrl = blankToNull(grafanaUrl);
        runbooksUrl = blankToNull(runbooksUrl);
        dashboards = dashboards == null ? List.of() : List.copyOf(dashboards);
        browserTelemetry = browserTelemetry == null ? new BrowserTelemetry(null, null) : browserTelemetry;
    }

    /** A provisioned dashboard: {@code <grafanaUrl>/d/<uid>}. */
    public record Dashboard(String uid, String title) {}

    /**
     * The pages' own telemetry (Grafana Faro): page loads, Web Vitals, JavaScript errors and the
     * browser's spans, sent through the gateway's /faro/collect to a Faro receiver (Alloy's
     * faro.receiver). Both settings or it stays off.
     *
     * @param assets the node_modules folder of browser-telemetry/ (npm ci), which holds Faro's browser bundles
     * @param collector the Faro receiver, e.g. http://alloy:12347
     */
    public record BrowserTelemetry(String assets, String collector) {

        static final String SDK = "@grafana/faro-web-sdk/dist/bundle/faro-web-sdk.iife.js";

        static final String TRACING = "@grafana/faro-web-tracing/dist/bundle/faro-web-tracing.iife.js";

        public BrowserTelemetry {
            assets = blankToNull(assets);
            collector = blankToNull(collector);
        }

        /** Why it is off, or empty when it is on. */
        Optional<String> off() {
            if (this.collector == null) {
                return Optional.of("no Faro receiver is set (SHOP_BROWSER_TELEMETRY_COLLECTOR)");
            }
            if (this.assets == null || !Files.isRegularFile(bundle(SDK)) || !Files.isRegularFile(bundle(TRACING))) {
                return Optional.of("Faro's browser bundles are not installed (npm ci --prefix browser-telemetry,"
                        + " then SHOP_BROWSER_TELEMETRY_ASSETS=browser-telemetry/node_modules)");
            }
            return Optional.empty();
        }

        Path bundle(String file) {
            return Path.of(this.assets).resolve(file);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
