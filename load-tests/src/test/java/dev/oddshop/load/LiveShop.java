package dev.oddshop.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few plain API calls a simulation makes outside its load (reading the catalogue, setting a
 * hot product's stock, reading stock at the end), so they never show up in Gatling's statistics.
 */
final class LiveShop {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    LiveShop(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode putAsAdmin(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + LoadProperties.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private URI uri(String path) {
        return URI.create(this.baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException ex) {
            throw new IllegalStateException(
                    built.method() + " " + built.uri() + " failed: is the platform up "
                            + "(./shop up) and shop.baseUrl right?",
                    ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
