package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The values files for the official charts of the stack on Kubernetes (charts/stack), against the
 * shop's chart and compose's stack: the labels Prometheus and Grafana select the shop's objects by,
 * the datasource uids the dashboards name, Alertmanager's routes, and a pinned chart version each.
 * (Each key was checked against that chart version's own values.yaml when the file was written.)
 */
class StackChartValuesTest {

    private static final Path STACK_VALUES = StackConfigTest.ROOT.resolve("charts/stack");

    private static final Pattern VERSION = Pattern.compile("(?m)^#\\s+version\\s*:\\s*(\\d+\\.\\d+\\.\\d+)\\b");

    private static final Pattern INSTALL = Pattern.compile("(?m)helm install \\S+ \\S+ --version (\\d+\\.\\d+\\.\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"kube-prometheus-stack.yaml", "loki.yaml", "tempo.yaml", "pyroscope.yaml", "alloy.yaml"})
    void eachFileParsesAndPinsOneChartVersionItsInstallCommandUses(String file) {
        String text = YamlFiles.read(STACK_VALUES.resolve(file));
        assertThat((Object) new Yaml().load(text)).isInstanceOf(Map.class);
        Matcher version = VERSION.matcher(text);
        Matcher install = INSTALL.matcher(text);
        assertThat(version.find()).as("a '# version :' line").isTrue();
        assertThat(install.find()).as("a 'helm install ... --version' line").isTrue();
        assertThat(install.group(1)).isEqualTo(version.group(1));
    }

    @Test
    void prometheusAndGrafanaSelectTheObjectsTheShopsChartLabels() {
        Map<?, ?> stack = load("kube-prometheus-stack.yaml");
        Map<?, ?> shop = YamlFiles.load(HelmChartTest.CHART.resolve("values.yaml"));
        Map<?, ?> monitorLabels = (Map<?, ?>) YamlFiles.path(shop, "monitoring", "serviceMonitor", "labels");
        Map<?, ?> ruleLabels = (Map<?, ?>) YamlFiles.path(shop, "monitoring", "prometheusRule", "labels");
        assertThat((Map<?, ?>)
                        YamlFiles.path(stack, "prometheus", "prometheusSpec", "serviceMonitorSelector", "matchLabels"))
                .isEqualTo(monitorLabels);
        assertThat((Map<?, ?>) YamlFiles.path(stack, "prometheus", "prometheusSpec", "ruleSelector", "matchLabels"))
                .isEqualTo(ruleLabels);
        Map<?, ?> dashboardLabels = (Map<?, ?>) YamlFiles.path(shop, "monitoring", "dashboards", "labels");
        Map.Entry<?, ?> label = dashboardLabels.entrySet().iterator().next();
        assertThat(YamlFiles.path(stack, "grafana", "sidecar", "dashboards", "label"))
                .isEqualTo(label.getKey());
        assertThat(YamlFiles.path(stack, "grafana", "sidecar", "dashboards", "labelValue"))
                .isEqualTo(label.getValue());
    }

    @Test
    void grafanaHasEveryDatasourceUidComposeProvisionsSoTheDashboardsResolve() throws IOException {
        Set<Object> compose = new HashSet<>();
        try (Stream<Path> files = Files.list(StackConfigTest.STACK.resolve("grafana/provisioning/datasources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Map<?, ?> provisioning = YamlFiles.load(file);
                ((List<?>) provisioning.get("datasources"))
                        .forEach(source -> compose.add(((Map<?, ?>) source).get("uid")));
            }
        }
        Map<?, ?> stack = load("kube-prometheus-stack.yaml");
        Set<Object> kubernetes = new HashSet<>();
        kubernetes.add(YamlFiles.path(stack, "grafana", "sidecar", "datasources", "uid"));
        kubernetes.add(YamlFiles.path(stack, "grafana", "sidecar", "datasources", "alertmanager", "uid"));
        ((List<?>) YamlFiles.path(stack, "grafana", "additionalDataSources"))
                .forEach(source -> kubernetes.add(((Map<?, ?>) source).get("uid")));
        assertThat(kubernetes).containsAll(compose);
    }

    @Test
    void alertmanagerRoutesAsComposeDoesPlusTheChartsOwnHeartbeat() {
        Map<?, ?> compose = YamlFiles.load(StackConfigTest.STACK.resolve("alertmanager/alertmanager.yml"));
        Map<?, ?> config = (Map<?, ?>) YamlFiles.path(load("kube-prometheus-stack.yaml"), "alertmanager", "config");
        assertThat(config.get("inhibit_rules")).isEqualTo(compose.get("inhibit_rules"));
        Map<?, ?> route = (Map<?, ?>) config.get("route");
        Map<?, ?> composeRoute = (Map<?, ?>) compose.get("route");
        assertThat(route.get("receiver")).isEqualTo(composeRoute.get("receiver"));
        assertThat(route.get("group_by")).isEqualTo(composeRoute.get("group_by"));
        List<?> routes = ((List<?>) route.get("routes"))
                .stream()
                        .filter(r -> !"null".equals(((Map<?, ?>) r).get("receiver")))
                        .toList();
        assertThat(routes).isEqualTo(composeRoute.get("routes"));
        assertThat(names((List<?>) config.get("receivers"))).containsAll(names((List<?>) compose.get("receivers")));
    }

    private static Set<Object> names(List<?> receivers) {
        return receivers.stream().map(r -> ((Map<?, ?>) r).get("name")).collect(Collectors.toSet());
    }

    private static Map<?, ?> load(String file) {
        return YamlFiles.load(STACK_VALUES.resolve(file));
    }
}
