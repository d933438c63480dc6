package dev.oddshop.platform.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The platform the end-to-end test classes of this module share, with its OTLP receiver: started
 * on first use and stopped when the module's run ends (JUnit closes what its root store holds),
 * instead of six JVMs and PostgreSQL per class. Test methods and {@code @BeforeAll} methods of a
 * class with this extension get {@link TestPlatform} and {@link OtlpReceiver} as parameters.
 *
 * <p>A class on the shared platform uses its own customers and products and measures what it
 * does as differences, because other classes shop there too. Two classes start a fresh platform
 * of their own, because they need one configured otherwise: {@code ReconciliationIT} (a provider
 * slower than order-service's timeout) and {@code FaultsIT} (every fault kind, which leaves leaked
 * memory and a tripped breaker behind).
 */
final class SharedPlatform implements ParameterResolver {

    /** Where the pages link Grafana to (no Grafana runs here: the links are only checked). */
    static final String GRAFANA_URL = "http://localhost:3000";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestPlatform.class || type == OtlpReceiver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Running.class, key -> Running.start(), Running.class);
        return parameter.getParameter().getType() == TestPlatform.class ? running.platform() : running.receiver();
    }

    /** The receiver is the services' trace and profile endpoint, so it starts first and stops last. */
    private record Running(OtlpReceiver receiver, TestPlatform platform) implements AutoCloseable {

        static Running start() {
            OtlpReceiver receiver = new OtlpReceiver();
            try {
                return new Running(
                        receiver,
                        TestPlatform.start(
                                "shared-run",
                                Map.of(
                                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                                        receiver.tracesEndpoint(),
                                        "PYROSCOPE_SERVER_ADDRESS",
                                        receiver.profilesEndpoint(),
                                        "PYROSCOPE_UPLOAD_INTERVAL",
                                        "2s",
                                        "SIMULATOR_LATENCY_MEAN",
                                        "20ms",
                                        "SIMULATOR_LATENCY_JITTER",
                                        "10ms",
                                        "SHOP_ORDERS_STALE_AFTER",
                                        "10s",
                                        "SHOP_GRAFANA_URL",
                                        GRAFANA_URL,
                                        // the pages' own telemetry on, with Faro from browser-telemetry/ (npm)
                                        "SHOP_BROWSER_TELEMETRY_ASSETS",
                                        browserTelemetryAssets(),
                                        "SHOP_BROWSER_TELEMETRY_COLLECTOR",
                                        receiver.browserCollector())));
            } catch (RuntimeException ex) {
                receiver.close();
                throw ex;
            }
        }

        /** Faro's browser bundles, installed from browser-telemetry/'s lock file when missing. */
        private static String browserTelemetryAssets() {
            Path project = Runbooks.ROOT.resolve("browser-telemetry");
            try {
                NodeTools.install(project, "@grafana/faro-web-sdk", "@grafana/faro-web-tracing");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return project.resolve("node_modules").toString();
        }

        @Override
        public void close() {
            try {
                this.platform.close();
            } finally {
                this.receiver.close();
            }
        }
    }
}
