package dev.oddshop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The instances of a platform that {@code ./shop up} runs, through its {@link LauncherControl}
 * (the port in run/launcher-port), for the commands that run in another process: {@code ./shop
 * scenario start} crashing an instance.
 */
public final class LauncherControlClient implements Instances {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI control;

    private final String token;

    LauncherControlClient(URI control, String token) {
        this.control = control;
        this.token = token;
    }

    /** The controls of the platform whose run directory this is, if one runs there. */
    public static Optional<Instances> of(Path run, String token) throws IOException {
        Path port = run.resolve("launcher-port");
        if (!Files.isRegularFile(port)) {
            return Optional.empty();
        }
        return Optional.of(new LauncherControlClient(
                URI.create("http://127.0.0.1:" + Files.readString(port).strip()), token));
    }

    @Override
    public List<ServiceInstance> instances() {
        return listed().map(line -> ServiceInstance.named(line.split(" ")[0])).toList();
    }

    @Override
    public boolean isRunning(ServiceInstance instance) {
        return listed().anyMatch(line -> line.equals(instance.name() + " running"));
    }

    @Override
    public void kill(ServiceInstance instance) {
        send("POST", "/instances/" + instance.name() + "/kill");
    }

    @Override
    public void start(ServiceInstance instance) {
        send("POST", "/instances/" + instance.name() + "/start");
    }

    private Stream<String> listed() {
        return send("GET", "/instances").lines();
    }

    private String send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(this.control.resolve(path))
                .header("Authorization", "Bearer " + this.token)
                .timeout(Duration.ofMinutes(3))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return response.body();
        } catch (IOException ex) {
            throw new UncheckedIOException("The launcher's controls at " + this.control + " did not answer", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the launcher's controls", ex);
        }
    }
}
