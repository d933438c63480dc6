package dev.oddshop.platform.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin HTTP client for the public API, as a user's script would use it. */
final class ShopApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private final String baseUrl;

    ShopApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return this.baseUrl;
    }

    record Reply(int status, String contentType, JsonNode body, String raw) {

        String text(String field) {
            return this.body.path(field).asString();
        }
    }

    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Reply put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Reply delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends a body as given when it is a String (to send malformed JSON), else as JSON. */
    Reply send(String method, String path, Object body, String... headers) {
        String payload = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(payload));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw.isBlank() ? JSON.missingNode() : parse(raw);
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    json,
                    raw);
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException ex) {
            return JSON.missingNode();
        }
    }

    /** {@code headers} and then {@code more} ("name", "value" pairs). */
    static String[] with(String[] headers, String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
