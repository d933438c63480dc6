package dev.oddshop.drill;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prometheus's and Alertmanager's HTTP APIs, as much as the drill reads of them. */
final class PrometheusApi {

    /** One series' value at an instant. */
    record Sample(Map<String, String> labels, double value) {

        String label(String name) {
            return this.labels.getOrDefault(name, "");
        }
    }

    /** One series over time: epoch seconds and values. */
    record Series(Map<String, String> labels, List<double[]> points) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI prometheus;

    private final URI alertmanager;

    PrometheusApi(URI prometheus, URI alertmanager) {
        this.prometheus = prometheus;
        this.alertmanager = alertmanager;
    }

    List<Sample> instant(String promql, Instant at) {
        JsonNode result =
                get(this.prometheus, "/api/v1/query?query=" + encode(promql) + "&time=" + at.getEpochSecond());
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : result.path("data").path("result")) {
            double value = Double.parseDouble(series.path("value").get(1).asString());
            samples.add(new Sample(labels(series), value));
        }
        return samples;
    }

    /** The first sample's value; NaN when the query returns nothing. */
    double scalar(String promql, Instant at) {
        List<Sample> samples = instant(promql, at);
        return samples.isEmpty() ? Double.NaN : samples.getFirst().value();
    }

    /** Values by one label (e.g. application). */
    Map<String, Double> byLabel(String promql, String label, Instant at) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Sample sample : instant(promql, at)) {
            if (!Double.isNaN(sample.value())) {
                values.put(sample.label(label), sample.value());
            }
        }
        return values;
    }

    List<Series> range(String promql, Instant start, Instant end, Duration step) {
        JsonNode result = get(
                this.prometheus,
                "/api/v1/query_range?query=" + encode(promql) + "&start=" + start.getEpochSecond() + "&end="
                        + end.getEpochSecond() + "&step=" + step.toSeconds());
        List<Series> all = new ArrayList<>();
        for (JsonNode series : result.path("data").path("result")) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode point : series.path("values")) {
                points.add(new double[] {
                    point.get(0).asDouble(), Double.parseDouble(point.get(1).asString())
                });
            }
            all.add(new Series(labels(series), points));
        }
        return all;
    }

    /** The alerts Alertmanager holds now, each as its labels. */
    List<Map<String, String>> alertmanagerAlerts() {
        List<Map<String, String>> alerts = new ArrayList<>();
        for (JsonNode alert : get(this.alertmanager, "/api/v2/alerts")) {
            Map<String, String> labels = new LinkedHashMap<>();
            alert.path("labels")
                    .properties()
                    .forEach(
                            label -> labels.put(label.getKey(), label.getValue().asString()));
            alerts.add(labels);
        }
        return alerts;
    }

    /** An exemplar: the trace of one observation and its value. */
    record Exemplar(String traceId, double value) {}

    /** The exemplars of a histogram over a time range, slowest first. */
    List<Exemplar> exemplars(String metric, Instant start, Instant end) {
        JsonNode result = get(
                this.prometheus,
                "/api/v1/query_exemplars?query=" + encode(metric) + "&start=" + start.getEpochSecond() + "&end="
                        + end.getEpochSecond());
        List<Exemplar> exemplars = new ArrayList<>();
        for (JsonNode series : result.path("data")) {
            for (JsonNode exemplar : series.path("exemplars")) {
                String trace = exemplar.path("labels").path("trace_id").asString();
                if (!trace.isEmpty()) {
                    exemplars.add(new Exemplar(
                            trace, Double.parseDouble(exemplar.path("value").asString())));
                }
            }
        }
        exemplars.sort(Comparator.comparingDouble(Exemplar::value).reversed());
        return exemplars;
    }

    private static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new LinkedHashMap<>();
        series.path("metric")
                .properties()
                .forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
        return labels;
    }

    private JsonNode get(URI base, String path) {
        try {
            HttpResponse<String> response = this.http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot reach " + base + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
