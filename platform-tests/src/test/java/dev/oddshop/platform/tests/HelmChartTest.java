package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.oddshop.launcher.ShopService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Helm chart (charts/odd-shop), checked without a cluster: Helm's own lint and template
 * (helm-java), every rendered object parsed into the Kubernetes model with nothing left over (an
 * unknown or misplaced field fails), and the chart consistent with the apps and with compose.
 */
class HelmChartTest {

    static final Path CHART = StackConfigTest.ROOT.resolve("charts/odd-shop");

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** Kinds of the operators the chart relies on (CloudNativePG, Prometheus Operator): no typed model here. */
    private static final Set<String> CUSTOM_KINDS = Set.of("Cluster", "ServiceMonitor", "PrometheusRule");

    @Test
    void helmLintsTheChartStrictlyWithoutFindings() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .as("lint findings")
                .allSatisfy(message -> assertThat(message).doesNotContain("[WARNING]", "[ERROR]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production-like.yaml"})
    void everyRenderedObjectParsesIntoTheKubernetesModelWithNothingLeftOver(String values) {
        List<HasMetadata> objects = render(values);
        assertThat(objects).isNotEmpty();
        for (HasMetadata object : objects) {
            if (CUSTOM_KINDS.contains(object.getKind())) {
                assertThat(object).isInstanceOf(GenericKubernetesResource.class);
            } else {
                assertThat(object).as(object.getKind()).isNotInstanceOf(GenericKubernetesResource.class);
                assertThat(leftOver(object))
                        .as(object.getKind() + " " + object.getMetadata().getName()
                                + ": fields the model does not know")
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production-like.yaml"})
    void everyServicePortIsAContainerPortAndEverySecretReferencedExists(String values) {
        List<HasMetadata> objects = render(values);
        Map<String, Deployment> deployments = of(objects, Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
        for (Service service : of(objects, Service.class)) {
            Deployment target = deployments.get(service.getMetadata().getName());
            assertThat(target)
                    .as("the Deployment behind " + service.getMetadata().getName())
                    .isNotNull();
            assertThat(target.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            Container container =
                    target.getSpec().getTemplate().getSpec().getContainers().getFirst();
            service.getSpec()
                    .getPorts()
                    .forEach(port -> assertThat(container.getPorts()).anySatisfy(declared -> {
                        assertThat(declared.getName())
                                .isEqualTo(port.getTargetPort().getStrVal());
                        assertThat(declared.getContainerPort()).isEqualTo(port.getPort());
                    }));
        }
        Set<String> secrets = of(objects, Secret.class).stream()
                .map(secret -> secret.getMetadata().getName())
                .collect(Collectors.toSet());
        Map<?, ?> settings = YamlFiles.load(CHART.resolve(values));
        // made outside the chart: the one values name, or CloudNativePG's app secret of the rendered Cluster
        objects.stream()
                .filter(object -> object.getKind().equals("Cluster"))
                .forEach(cluster -> secrets.add(cluster.getMetadata().getName() + "-app"));
        secrets.addAll(externalSecrets(settings));
        for (Deployment deployment : deployments.values()) {
            for (EnvVar env : deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst()
                    .getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(secrets)
                            .as(deployment.getMetadata().getName() + " " + env.getName())
                            .contains(env.getValueFrom().getSecretKeyRef().getName());
                }
            }
        }
    }

    @Test
    void theServiceMonitorScrapesEveryServiceAtItsPrometheusEndpoint() {
        List<HasMetadata> objects = render("values.yaml");
        GenericKubernetesResource monitor = objects.stream()
                .filter(object -> object.getKind().equals("ServiceMonitor"))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow();
        Map<?, ?> spec =
                KUBERNETES.convertValue(monitor.getAdditionalProperties().get("spec"), Map.class);
        Map<?, ?> selector = (Map<?, ?>) YamlFiles.path(spec, "selector", "matchLabels");
        List<?> endpoints = (List<?>) spec.get("endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(YamlFiles.path((Map<?, ?>) endpoint, "path")).isEqualTo("/actuator/prometheus");
            // the rules select the shop's targets by compose's job name
            assertThat((List<Object>) YamlFiles.path((Map<?, ?>) endpoint, "relabelings"))
                    .contains(
                            Map.of("targetLabel", "job", "replacement", "shop"),
                            // the service's name, which its Service carries (below) and the alerts count instances by
                            Map.of(
                                    "sourceLabels",
                                    List.of("__meta_kubernetes_service_label_app_kubernetes_io_name"),
                                    "targetLabel",
                                    "service_name"));
            assertThat(YamlFiles.read(StackConfigTest.STACK.resolve("prometheus/prometheus.yml")))
                    .contains("job_name: shop");
            for (Service service : of(objects, Service.class)) {
                assertThat(service.getMetadata().getLabels()).containsAllEntriesOf((Map<String, String>) selector);
                assertThat(service.getMetadata().getLabels().get("app.kubernetes.io/name"))
                        .isIn(Stream.of(ShopService.values())
                                .map(ShopService::module)
                                .toList());
                assertThat(service.getSpec().getPorts())
                        .extracting(port -> port.getName())
                        .contains((String) YamlFiles.path((Map<?, ?>) endpoint, "port"));
            }
        });
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void probesAreTheActuatorsHealthGroupsWhichTheAppsExpose() {
        Map<?, ?> defaults = YamlFiles.load(
                StackConfigTest.ROOT.resolve("platform-starter/src/main/resources/platform-defaults.yml"));
        assertThat(YamlFiles.path(defaults, "management", "endpoint", "health", "probes", "enabled"))
                .isEqualTo(true);
        for (Deployment deployment : of(render("values.yaml"), Deployment.class)) {
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getImage())
                    .as("every image from image.registry and image.tag")
                    .isEqualTo("localhost:5000/odd-shop/" + container.getName() + ":0.1.0");
        }
    }

    @Test
    void theReplicatedServicesScaleAndKeepAPodThroughADrainTheProviderRunsOnce() {
        List<HasMetadata> objects = render("values.yaml");
        Set<String> autoscaled = of(objects, HorizontalPodAutoscaler.class).stream()
                .map(hpa -> hpa.getSpec().getScaleTargetRef().getName())
                .collect(Collectors.toSet());
        Set<String> budgeted = of(objects, PodDisruptionBudget.class).stream()
                .map(pdb -> pdb.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> replicated = Set.of(
                "odd-shop-gateway",
                "odd-shop-catalog-service",
                "odd-shop-inventory-service",
                "odd-shop-order-service",
                "odd-shop-payment-service");
        assertThat(autoscaled).isEqualTo(replicated);
        assertThat(budgeted).isEqualTo(replicated);
        Deployment provider = of(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("odd-shop-payment-provider-simulator"))
                .findFirst()
                .orElseThrow();
        assertThat(provider.getSpec().getReplicas()).isEqualTo(1);
        assertThat(of(objects, Ingress.class)).isEmpty();
        assertThat(of(render("values-production-like.yaml"), Ingress.class)).hasSize(1);
    }

    @Test
    void everyRuleAndDashboardIsItsComposeTwin() throws IOException {
        List<HasMetadata> objects = render("values.yaml");
        Path rules = StackConfigTest.STACK.resolve("prometheus/rules");
        List<Path> ruleFiles;
        try (Stream<Path> files = Files.list(rules)) {
            ruleFiles = files.filter(file -> file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        List<GenericKubernetesResource> prometheusRules = objects.stream()
                .filter(object -> object.getKind().equals("PrometheusRule"))
                .map(GenericKubernetesResource.class::cast)
                .toList();
        assertThat(prometheusRules).hasSameSizeAs(ruleFiles);
        for (Path file : ruleFiles) {
            String name = "odd-shop-" + file.getFileName().toString().replace(".yml", "");
            GenericKubernetesResource rule = prometheusRules.stream()
                    .filter(r -> r.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no PrometheusRule " + name));
            Map<?, ?> compose = YamlFiles.load(file);
            assertThat(KUBERNETES.convertValue(rule.getAdditionalProperties().get("spec"), Map.class))
                    .as(name)
                    .isEqualTo(KUBERNETES.convertValue(compose, Map.class));
        }
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(StackConfigTest.STACK.resolve("grafana/dashboards"))) {
            for (Path dashboard :
                    files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String key = dashboard.getFileName().toString();
                String rendered = objects.stream()
                        .filter(object -> object instanceof ConfigMap)
                        .map(object -> ((ConfigMap) object).getData().get(key))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no dashboard ConfigMap for " + key));
                assertThat(json.readTree(rendered)).as(key).isEqualTo(json.readTree(YamlFiles.read(dashboard)));
            }
        }
    }

    /** The chart rendered as `helm template odd-shop charts/odd-shop -f VALUES` would, parsed. */
    static List<HasMetadata> render(String values) {
        String manifests = new Helm(CHART)
                .template()
                .withName("odd-shop")
                .withNamespace("shop")
                .withValuesFile(CHART.resolve(values))
                .call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                objects.add(KUBERNETES.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Collection<String> externalSecrets(Map<?, ?> settings) {
        List<String> names = new ArrayList<>();
        Object secrets = YamlFiles.path(settings, "secrets", "existingSecret");
        Object database = YamlFiles.path(settings, "database", "external", "existingSecret");
        Stream.of(secrets, database)
                .filter(name -> name instanceof String text && !text.isBlank())
                .forEach(name -> names.add((String) name));
        return names;
    }

    /**
     * Fields the typed model did not recognise, anywhere in the object: the model keeps them in
     * additionalProperties rather than failing.
     */
    private static List<String> leftOver(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String where, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, where + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, where + "." + key, found, seen));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(where + " " + extra.keySet());
                    }
                } else {
                    walk(value, where + "." + getter.getName().substring(3), found, seen);
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
