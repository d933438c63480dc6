package dev.oddshop.platform.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Tempo, which cannot run here: an OTLP/HTTP receiver (protobuf on /v1/traces)
 * that keeps every span the services export, and a Pyroscope ingest endpoint that notes
 * which applications uploaded profiles. It stands in for Alloy's faro.receiver too (/collect):
 * the browser's spans (OTLP JSON inside Faro's payload) join the services' as the pages' own, and
 * its measurements, events and exceptions are noted by kind.
 */
final class OtlpReceiver implements AutoCloseable {

    record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Span.SpanKind kind,
            boolean error,
            Map<String, String> attributes,
            List<String> events) {}

    private final HttpServer server;

    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private final List<String> profiledApplications = new CopyOnWriteArrayList<>();

    private final List<String> browserItems = new CopyOnWriteArrayList<>();

    private final JsonMapper json = JsonMapper.builder().build();

    OtlpReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/v1/traces", this::receive);
        this.server.createContext("/ingest", this::ingestProfile);
        this.server.createContext("/collect", this::collectFromBrowser);
        this.server.start();
    }

    String tracesEndpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
    }

    /** Where the Pyroscope agents upload; a stand-in for Pyroscope, which cannot run here either. */
    String profilesEndpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /** The Faro receiver the gateway passes the pages' telemetry on to (its /collect). */
    String browserCollector() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /**
     * What the pages sent besides spans, as {@code kind:name}: {@code measurement:web-vitals},
     * {@code event:faro.performance.navigation}, {@code exception:TypeError}...
     */
    List<String> browserItems() {
        return List.copyOf(this.browserItems);
    }

    /** The application names ({@code name} up to its first '{') of the profiles received. */
    List<String> profiledApplications() {
        return List.copyOf(this.profiledApplications);
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(this.spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return this.spans.stream()
                .filter(span -> span.traceId().equals(traceId))
                .toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service =
                        attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        this.spans.add(new ReceivedSpan(
                                service,
                                hex(span.getTraceId().toByteArray()),
                                hex(span.getSpanId().toByteArray()),
                                hex(span.getParentSpanId().toByteArray()),
                                span.getName(),
                                span.getKind(),
                                span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                                attributes(span.getAttributesList()),
                                span.getEventsList().stream()
                                        .map(Span.Event::getName)
                                        .toList()));
                    }
                }
            }
        }
        byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    private void collectFromBrowser(HttpExchange exchange) throws IOException {
        JsonNode payload;
        try (InputStream body = exchange.getRequestBody()) {
            payload = this.json.readTree(body);
        }
        String app = payload.path("meta").path("app").path("name").asString();
        for (JsonNode resource : payload.path("traces").path("resourceSpans")) {
            for (JsonNode scope : resource.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    this.spans.add(new ReceivedSpan(
                            app,
                            span.path("traceId").asString(),
                            span.path("spanId").asString(),
                            span.path("parentSpanId").asString(""),
                            span.path("name").asString(),
                            Span.SpanKind.forNumber(span.path("kind").asInt()),
                            span.path("status").path("code").asInt() == Status.StatusCode.STATUS_CODE_ERROR_VALUE,
                            Map.of(),
                            List.of()));
                }
            }
        }
        payload.path("measurements")
                .forEach(item ->
                        this.browserItems.add("measurement:" + item.path("type").asString()));
        payload.path("events")
                .forEach(item ->
                        this.browserItems.add("event:" + item.path("name").asString()));
        payload.path("exceptions")
                .forEach(item ->
                        this.browserItems.add("exception:" + item.path("type").asString()));
        // Alloy's answer
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
    }

    private void ingestProfile(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        try (InputStream body = exchange.getRequestBody()) {
            // the agent sends its JFR body chunked; reading it whole proves it arrived
            if (body.readAllBytes().length > 0 && query != null) {
                for (String parameter : query.split("&")) {
                    if (parameter.startsWith("name=")) {
                        String name = URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
                        this.profiledApplications.add(name.contains("{") ? name.substring(0, name.indexOf('{')) : name);
                    }
                }
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream()
                .collect(Collectors.toMap(
                        KeyValue::getKey,
                        kv -> kv.getValue().hasStringValue()
                                ? kv.getValue().getStringValue()
                                : kv.getValue().toString().strip(),
                        (a, b) -> b));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
