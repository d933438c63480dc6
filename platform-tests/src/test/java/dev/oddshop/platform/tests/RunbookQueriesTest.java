package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.Runbooks.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Every query of the runbooks and the trainer's guide, checked without a running stack: PromQL by
 * promtool, LogQL and TraceQL by Grafana's own grammars (npm {@code @grafana/lezer-logql} and
 * {@code @grafana/lezer-traceql}), Pyroscope queries by their shape; and every name they use
 * against what the platform emits: Loki labels and structured metadata from the Alloy config,
 * JSON log fields and span attributes from the services' code, Pyroscope labels and profile
 * types from the agent's settings. PrometheusIT runs the PromQL on a live Prometheus and checks
 * the names against the spans and log lines of a running platform.
 */
class RunbookQueriesTest {

    /** Profile types of the Pyroscope Java agent and the agent setting that turns each on. */
    static final Map<String, String> PROFILE_TYPES = Map.of(
            "process_cpu:cpu:nanoseconds:cpu:nanoseconds", "PYROSCOPE_PROFILER_EVENT",
            "memory:alloc_in_new_tlab_bytes:bytes:space:bytes", "PYROSCOPE_PROFILER_ALLOC",
            "memory:alloc_in_new_tlab_objects:count:space:bytes", "PYROSCOPE_PROFILER_ALLOC",
            "mutex:contentions:count:mutex:count", "PYROSCOPE_PROFILER_LOCK",
            "mutex:delay:nanoseconds:mutex:count", "PYROSCOPE_PROFILER_LOCK");

    /**
     * Span attributes the libraries' observations set, not this repository's code: Spring's HTTP
     * server and client conventions (DefaultServerRequestObservationConvention,
     * DefaultClientRequestObservationConvention) and datasource-micrometer's JDBC spans. Listed
     * here; PrometheusIT checks each one the runbooks use on real spans.
     */
    static final Set<String> LIBRARY_SPAN_ATTRIBUTES = Set.of(
            "method",
            "uri",
            "status",
            "outcome",
            "exception",
            "http.url",
            "client.name",
            "jdbc.datasource.name",
            "jdbc.datasource.driver",
            "jdbc.query[0]",
            "jdbc.row-count");

    /** Fields of the logstash JSON format Spring Boot writes (before renames and additions). */
    static final Set<String> LOGSTASH_FIELDS = Set.of(
            "@timestamp",
            "@version",
            "message",
            "logger_name",
            "thread_name",
            "level",
            "level_value",
            "stack_trace",
            "tags");

    @Test
    void everyRunbookHasReadyToRunQueriesOfEveryKind() {
        assertThat(Runbooks.runbookFiles()).as("runbooks").isNotEmpty();
        for (Path runbook : Runbooks.runbookFiles()) {
            assertThat(Runbooks.queryLanguages(runbook))
                    .as(Runbooks.ROOT.relativize(runbook)
                            + ": needs ```promql, ```logql, ```traceql and ```pyroscope blocks")
                    .containsAll(Runbooks.LANGUAGES);
        }
    }

    @Test
    void everyPromqlQueryParsesWithPromtool() throws Exception {
        List<Query> queries = Runbooks.queries("promql");
        assertThat(queries).isNotEmpty();
        StringBuilder rules = new StringBuilder("groups:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("  - name: \"")
                    .append(queries.get(i).where())
                    .append("\"\n    rules:\n      - record: runbook:query:")
                    .append(i)
                    .append("\n        expr: '")
                    .append(queries.get(i).text().replace("'", "''"))
                    .append("'\n");
        }
        Path file = Runbooks.ROOT.resolve("platform-tests/target/runbook-promql.rules.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, rules);
        // promtool names the group (file:line) of a query that does not parse
        StackConfigTest.run(file.getParent(), "promtool", "check", "rules", file.toString());
    }

    @Test
    void everyLogqlAndTraceqlQueryParsesWithGrafanasGrammars() {
        List<Query> queries = Stream.concat(Runbooks.queries("logql").stream(), Runbooks.queries("traceql").stream())
                .toList();
        assertThat(Runbooks.queries("logql")).isNotEmpty();
        assertThat(Runbooks.queries("traceql")).isNotEmpty();
        List<JsonNode> report = Runbooks.parseWithGrafanaGrammars(queries);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            for (JsonNode error : report.get(i).path("errors")) {
                errors.add(queries.get(i) + "\n    syntax error at "
                        + error.path("from").asInt() + " near \""
                        + error.path("near").asString() + "\"");
            }
        }
        assertThat(errors).as("queries Grafana's parser rejects").isEmpty();
    }

    @Test
    void theDashboardsLogqlParsesAndSelectsLabelsAlloyShips() throws IOException {
        List<Query> queries = StackConfigTest.dashboardQueries("loki").stream()
                .map(text -> new Query(StackConfigTest.STACK.resolve("grafana/dashboards"), 0, "logql", text))
                .toList();
        assertThat(queries).as("the overview's Frontend row").isNotEmpty();
        Set<String> labels = lokiLabels();
        assertThat(labels).as("faro.receiver's extra_log_labels").contains("app", "kind");
        List<JsonNode> report = Runbooks.parseWithGrafanaGrammars(queries);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            for (JsonNode error : report.get(i).path("errors")) {
                problems.add(queries.get(i) + "\n    syntax error near \""
                        + error.path("near").asString() + "\"");
            }
            for (JsonNode label : report.get(i).path("streamLabels")) {
                if (!labels.contains(label.asString())) {
                    problems.add(queries.get(i) + "\n    stream selector label '" + label.asString()
                            + "' is not one of " + labels);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void logqlUsesOnlyTheLabelsAndStructuredMetadataAlloyShipsAndFieldsTheLogsHave() {
        Set<String> labels = lokiLabels();
        Set<String> metadata = lokiStructuredMetadata();
        Set<String> fields = logJsonFields();
        assertThat(labels).contains("service", "level");
        assertThat(metadata).contains("trace_id");
        List<Query> queries = Runbooks.queries("logql");
        List<JsonNode> report = Runbooks.parseWithGrafanaGrammars(queries);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            JsonNode names = report.get(i);
            boolean parsed = names.path("parsers").size() > 0;
            Set<String> extracted = new TreeSet<>();
            names.path("extractedLabels").forEach(label -> extracted.add(label.asString()));
            for (JsonNode label : names.path("streamLabels")) {
                if (!labels.contains(label.asString())) {
                    problems.add(query + "\n    stream selector label '" + label.asString() + "' is not a Loki label "
                            + labels
                            + " (trace ids and business ids are structured metadata: filter with | name=\"...\")");
                }
            }
            for (JsonNode filter : names.path("filterLabels")) {
                String name = filter.path("name").asString();
                boolean known = labels.contains(name)
                        || metadata.contains(name)
                        || (filter.path("afterParser").asBoolean()
                                && (fields.contains(name) || extracted.contains(name)));
                if (!known) {
                    problems.add(query + "\n    label filter '" + name + "' is neither a label " + labels
                            + " nor structured metadata " + metadata
                            + (filter.path("afterParser").asBoolean()
                                    ? " nor a JSON log field " + fields
                                    : " (a JSON log field needs | json before it)"));
                }
            }
            for (JsonNode label : names.path("groupingLabels")) {
                String name = label.asString();
                if (!labels.contains(name)
                        && !metadata.contains(name)
                        && !extracted.contains(name)
                        && !(parsed && fields.contains(name))) {
                    problems.add(query + "\n    grouping label '" + name + "' is not emitted");
                }
            }
            Matcher template =
                    Pattern.compile("\\{\\{\\s*\\.([A-Za-z_][A-Za-z0-9_]*)").matcher(query.text());
            while (template.find()) {
                if (!labels.contains(template.group(1))
                        && !metadata.contains(template.group(1))
                        && !(parsed && fields.contains(template.group(1)))) {
                    problems.add(query + "\n    line_format field '" + template.group(1) + "' is not emitted");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void traceqlUsesOnlyAttributesTheServicesEmit() {
        Set<String> spanAttributes = spanAttributes();
        Set<String> resourceAttributes = resourceAttributes();
        assertThat(spanAttributes).contains("shop.order.id", "fault.id", "pyroscope.profile.id");
        List<Query> queries = Runbooks.queries("traceql");
        List<JsonNode> report = Runbooks.parseWithGrafanaGrammars(queries);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            for (JsonNode attribute : report.get(i).path("attributes")) {
                String scope = attribute.path("scope").asString();
                String name = attribute.path("name").asString();
                boolean known = switch (scope) {
                    case "span" -> spanAttributes.contains(name);
                    case "resource" -> resourceAttributes.contains(name);
                    default -> false;
                };
                if (!known) {
                    problems.add(queries.get(i) + "\n    attribute '" + (scope.isEmpty() ? "" : scope) + "." + name
                            + "' is not emitted; span attributes " + new TreeSet<>(spanAttributes)
                            + ", resource attributes "
                            + resourceAttributes + " (always name the scope: span. or resource.)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void pyroscopeQueriesUseTheAgentsProfileTypesAndLabels() throws IOException {
        String compose = Files.readString(Runbooks.ROOT.resolve("docker-compose.yml"));
        Set<String> labels = new TreeSet<>(Set.of("service_name"));
        Matcher configured = Pattern.compile("PYROSCOPE_LABELS:\\s*(\\S+)").matcher(compose);
        while (configured.find()) {
            Stream.of(configured.group(1).split(","))
                    .map(pair -> pair.split("=")[0])
                    .forEach(labels::add);
        }
        Pattern shape = Pattern.compile("^([a-z_]+(?::[a-z_]*){4})\\{(.*)\\}$");
        Pattern matcher = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=|!=|=~|!~)\\s*\"([^\"]*)\"\\s*");
        List<Query> queries = Runbooks.queries("pyroscope");
        assertThat(queries).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Matcher parts = shape.matcher(query.text());
            if (!parts.matches()) {
                problems.add(query + "\n    not PROFILE_TYPE{label=\"value\", ...}");
                continue;
            }
            String setting = PROFILE_TYPES.get(parts.group(1));
            if (setting == null) {
                problems.add(query + "\n    profile type not sent by the Java agent: one of " + PROFILE_TYPES.keySet());
            } else if (!compose.contains(setting + ":")) {
                problems.add(query + "\n    profile type needs " + setting + " in docker-compose.yml");
            }
            for (String part : parts.group(2).split(",")) {
                Matcher label = matcher.matcher(part);
                if (!label.matches()) {
                    problems.add(query + "\n    bad label matcher '" + part + "'");
                } else if (!labels.contains(label.group(1))) {
                    problems.add(query + "\n    label '" + label.group(1) + "' is not one of " + labels);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceAQueryNamesExists() {
        Set<String> services =
                Stream.of(ShopService.values()).map(ShopService::module).collect(Collectors.toSet());
        Pattern named = Pattern.compile(
                "(?<![A-Za-z0-9_.])(service|application|service_name|resource\\.service\\.name|job)\\s*(?<![!=~])=(?![~=])\\s*\"([^\"]*)\"");
        List<String> problems = new ArrayList<>();
        for (Query query : Runbooks.queries()) {
            Matcher matcher = named.matcher(query.text());
            while (matcher.find()) {
                String value = matcher.group(2);
                boolean known = matcher.group(1).equals("job") ? value.equals("shop") : services.contains(value);
                if (!known) {
                    problems.add(
                            query + "\n    " + matcher.group(1) + "=\"" + value + "\" names no service of " + services);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The Loki labels Alloy sets: stage.labels, the relabelled target labels and faro.receiver's extra_log_labels. */
    static Set<String> lokiLabels() {
        String alloy = Runbooks.read(StackConfigTest.STACK.resolve("alloy/config.alloy"));
        Set<String> labels = new TreeSet<>(blockKeys(alloy, "stage.labels"));
        Matcher faro = Pattern.compile("extra_log_labels\\s*=\\s*\\{([^}]*)}").matcher(alloy);
        while (faro.find()) {
            Matcher key = Pattern.compile("(\\w+)\\s*=").matcher(faro.group(1));
            while (key.find()) {
                labels.add(key.group(1));
            }
        }
        Matcher target = Pattern.compile("target_label\\s*=\\s*\"([^\"]+)\"").matcher(alloy);
        while (target.find()) {
            labels.add(target.group(1));
        }
        return labels;
    }

    /** The structured metadata Alloy attaches to each line (stage.structured_metadata). */
    static Set<String> lokiStructuredMetadata() {
        return new TreeSet<>(blockKeys(
                Runbooks.read(StackConfigTest.STACK.resolve("alloy/config.alloy")), "stage.structured_metadata"));
    }

    /**
     * The fields of the services' JSON log lines: Spring Boot's logstash format, the starter's
     * renames and additions (platform-defaults.yml) and the business ids the services declare (BusinessAttribute).
     */
    @SuppressWarnings("unchecked")
    static Set<String> logJsonFields() {
        Set<String> fields = new TreeSet<>(LOGSTASH_FIELDS);
        Map<String, Object> defaults = new Yaml()
                .load(Runbooks.read(
                        Runbooks.ROOT.resolve("platform-starter/src/main/resources/platform-defaults.yml")));
        Map<String, Object> json = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) defaults.get("logging")).get("structured")).get("json");
        ((Map<String, Object>) json.getOrDefault("rename", Map.of())).forEach((from, to) -> {
            fields.remove(from);
            fields.add(String.valueOf(to));
        });
        fields.addAll(((Map<String, Object>) json.getOrDefault("add", Map.of())).keySet());
        Matcher business =
                Pattern.compile("\\(\"shop\\.[a-z_.]+\",\\s*\"([a-z_]+)\"\\)").matcher(businessAttributes());
        while (business.find()) {
            fields.add(business.group(1));
        }
        return fields;
    }

    /**
     * The span attributes the services set: their BusinessAttributes' shop.* attributes, every key value
     * an observation of the code sets, attribute keys of span processors, and the libraries'
     * observation keys.
     */
    static Set<String> spanAttributes() {
        Set<String> attributes = new TreeSet<>(LIBRARY_SPAN_ATTRIBUTES);
        Matcher business =
                Pattern.compile("\\(\"(shop\\.[a-z_.]+)\",\\s*\"[a-z_]+\"\\)").matcher(businessAttributes());
        while (business.find()) {
            attributes.add(business.group(1));
        }
        Pattern keyValue = Pattern.compile(
                "(?:lowCardinalityKeyValue|highCardinalityKeyValue|AttributeKey\\.stringKey)\\(\"([^\"]+)\"");
        for (String source : mainJavaSources()) {
            Matcher matcher = keyValue.matcher(source);
            while (matcher.find()) {
                attributes.add(matcher.group(1));
            }
        }
        return attributes;
    }

    /** Resource attributes: service.name (spring.application.name) and the starter's resource-attributes. */
    static Set<String> resourceAttributes() {
        Set<String> attributes = new LinkedHashSet<>(List.of("service.name"));
        String defaults =
                Runbooks.read(Runbooks.ROOT.resolve("platform-starter/src/main/resources/platform-defaults.yml"));
        Matcher matcher = Pattern.compile("\"\\[([a-z_.]+)]\":").matcher(defaults);
        while (matcher.find()) {
            attributes.add(matcher.group(1));
        }
        return attributes;
    }

    /** The services' sources, where each declares its business attributes (new BusinessAttribute("shop...", "...")). */
    private static String businessAttributes() {
        return String.join("\n", mainJavaSources());
    }

    private static List<String> mainJavaSources() {
        List<String> sources = new ArrayList<>();
        for (ShopService service : ShopService.values()) {
            sources.addAll(javaSources(Runbooks.ROOT.resolve(service.module()).resolve("src/main/java")));
        }
        sources.addAll(javaSources(Runbooks.ROOT.resolve("platform-starter/src/main/java")));
        return sources;
    }

    private static List<String> javaSources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(Runbooks::read)
                    .toList();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The keys of {@code block { values = { key = "", ... } }} in an Alloy config. */
    private static Set<String> blockKeys(String alloy, String block) {
        Matcher values = Pattern.compile(Pattern.quote(block) + "\\s*\\{\\s*values\\s*=\\s*\\{([^}]*)}")
                .matcher(alloy);
        Set<String> keys = new TreeSet<>();
        while (values.find()) {
            Matcher key = Pattern.compile("(\\w+)\\s*=").matcher(values.group(1));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        assertThat(keys).as(block + " in config.alloy").isNotEmpty();
        return keys;
    }
}
