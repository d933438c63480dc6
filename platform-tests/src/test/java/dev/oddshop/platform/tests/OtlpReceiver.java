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

/**
 * A stand-in for Tempo, which cannot run here: an OTLP/HTTP receiver (protobuf on /v1/traces)
 * that keeps every span the services export, and a Pyroscope ingest endpoint that notes
 * which applications uploaded profiles.
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

    OtlpReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/v1/traces", this::receive);
        this.server.createContext("/ingest", this::ingestProfile);
        this.server.start();
    }

    String tracesEndpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
    }

    /** Where the Pyroscope agents upload; a stand-in for Pyroscope, which cannot run here either. */
    String profilesEndpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
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
