package dev.oddshop.launcher.scenario;

import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's fault fan-out ({@code /admin/faults}) as the CLI and the drill use it, on the
 * embedded platform or a compose deployment alike.
 */
public final class FaultControl {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI gateway;

    private final String token;

    public FaultControl(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** Switches the scenario's faults on; each starts after its delay and ends by itself. */
    public void start(Scenario scenario) throws IOException, InterruptedException {
        for (ScenarioFault fault : scenario.faults()) {
            enable(fault);
        }
    }

    /** Switches the scenario's faults off; one already expired is no error. */
    public void stop(Scenario scenario) throws IOException, InterruptedException {
        for (ScenarioFault fault : scenario.faults()) {
            send("DELETE", "/admin/faults/" + fault.service() + "/" + fault.id(), null, 200, 404);
        }
    }

    public void enable(ScenarioFault fault) throws IOException, InterruptedException {
        send("POST", "/admin/faults/" + fault.service(), json(fault.request()), 201);
    }

    /** Switches every fault of every service off. */
    public void disableAll() throws IOException, InterruptedException {
        send("DELETE", "/admin/faults", null, 200);
    }

    /** Every service's declared fault points with the kinds that act there, as the gateway answers (JSON). */
    public String points() throws IOException, InterruptedException {
        return send("GET", "/admin/faults/points", null, 200);
    }

    /** Every service's active faults, as the gateway answers (JSON). */
    public String list() throws IOException, InterruptedException {
        return send("GET", "/admin/faults", null, 200);
    }

    private String send(String method, String path, String body, int... expected)
            throws IOException, InterruptedException {
        // a service under a drill's load on a busy 2-core machine can take long to answer an admin
        // call (a 15 s bound fired once); the bound only stops a call that will never answer
        HttpRequest.Builder request = HttpRequest.newBuilder(this.gateway.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + this.token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    /** Flat JSON of strings and numbers: all a fault request holds. */
    static String json(Map<String, Object> fields) {
        return fields.entrySet().stream()
                .map(field -> quote(field.getKey()) + ":"
                        + (field.getValue() instanceof Number
                                ? field.getValue().toString()
                                : quote(field.getValue().toString())))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
