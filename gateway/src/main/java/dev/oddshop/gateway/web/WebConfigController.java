package dev.oddshop.gateway.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The storefront's and control room's settings, read by their scripts at start. */
@Tag(name = "pages", description = "The settings of the web pages the gateway serves")
@RestController
class WebConfigController {

    private final WebConfig config;

    WebConfigController(WebSettings settings) {
        this.config = new WebConfig(
                settings.grafanaUrl(),
                settings.runbooksUrl(),
                settings.dashboards(),
                settings.browserTelemetry()
                        .off()
                        .map(reason -> new BrowserTelemetry(false, reason, null))
                        .orElseGet(() -> new BrowserTelemetry(true, null, PageRoutes.COLLECT)));
    }

    /** @param browserTelemetry whether the pages record their own traces, Web Vitals and errors, and where to */
    record WebConfig(
            String grafanaUrl,
            String runbooksUrl,
            List<WebSettings.Dashboard> dashboards,
            BrowserTelemetry browserTelemetry) {}

    /**
     * @param reason why it is off (null when on)
     * @param collectorPath where the pages send it (the gateway passes it on to the Faro receiver)
     */
    record BrowserTelemetry(boolean enabled, String reason, String collectorPath) {}

    @Operation(
            summary = "Read the pages' settings",
            description = "Grafana and runbook links, browser telemetry; none is a secret")
    @GetMapping("/web-config.json")
    WebConfig config() {
        return this.config;
    }
}
