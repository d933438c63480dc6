package dev.oddshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's controls over real HTTP. The platform behind them is a stand-in that records
 * kills and starts: the processes themselves are killed and started for real by the replicas
 * platform test.
 */
class LauncherControlTest {

    private static final String TOKEN = "control-test-token";

    private static final ServiceInstance SECOND_ORDER = new ServiceInstance(ShopService.ORDER, 2);

    private final RecordingInstances platform = new RecordingInstances();

    private final HttpClient http = HttpClient.newHttpClient();

    private LauncherControl control;

    @BeforeEach
    void start() throws IOException {
        this.control = LauncherControl.start(this.platform, TOKEN);
    }

    @AfterEach
    void stop() {
        this.control.close();
    }

    @Test
    void listsEveryInstanceAndWhetherItRuns() throws Exception {
        this.platform.running.remove(SECOND_ORDER);
        HttpResponse<String> list = send("GET", "/instances", "Bearer " + TOKEN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("gateway running\norder-service running\norder-service-2 stopped\n");
    }

    @Test
    void killsAnInstanceOnceAndStartsItAgain() throws Exception {
        assertThat(send("POST", "/instances/order-service-2/kill", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/instances/order-service-2/kill", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/instances/order-service-2/start", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/instances/order-service-2/start", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(409);
        assertThat(this.platform.actions).containsExactly("kill order-service-2", "start order-service-2");
    }

    @Test
    void theClientInAnotherProcessSeesAndActsThroughTheControls(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("launcher-port"), Integer.toString(this.control.port()));
        Instances remote = LauncherControlClient.of(run, TOKEN).orElseThrow();
        assertThat(remote.instances()).isEqualTo(RecordingInstances.ALL);
        remote.kill(SECOND_ORDER);
        assertThat(remote.isRunning(SECOND_ORDER)).isFalse();
        assertThat(remote.isRunning(ServiceInstance.first(ShopService.ORDER))).isTrue();
        remote.start(SECOND_ORDER);
        assertThat(this.platform.actions).containsExactly("kill order-service-2", "start order-service-2");
        // a second kill is the control's 409, said as it is
        remote.kill(SECOND_ORDER);
        assertThatThrownBy(() -> remote.kill(SECOND_ORDER)).hasMessageContaining("409");
    }

    @Test
    void noLauncherRunningMeansNoControls(@TempDir Path run) throws IOException {
        assertThat(LauncherControlClient.of(run, TOKEN)).isEmpty();
    }

    @Test
    void aWrongTokenIsRefusedWithoutActing(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("launcher-port"), Integer.toString(this.control.port()));
        Instances forged = LauncherControlClient.of(run, "forged-token").orElseThrow();
        assertThatThrownBy(() -> forged.kill(SECOND_ORDER)).hasMessageContaining("401");
        assertThat(this.platform.actions).isEmpty();
    }

    @Test
    void namesParseBackIntoTheirInstances() {
        for (ServiceInstance instance : List.of(
                ServiceInstance.first(ShopService.GATEWAY),
                SECOND_ORDER,
                new ServiceInstance(ShopService.CATALOG, 3))) {
            assertThat(ServiceInstance.named(instance.name())).isEqualTo(instance);
        }
        assertThatThrownBy(() -> ServiceInstance.named("gateway-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceInstance.named("no-such-service")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Hostile or malformed requests: none kills or starts anything. */
    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                "POST, /instances/order-service-2/kill, none, 401",
                "POST, /instances/order-service-2/kill, Bearer wrong, 401",
                "POST, /instances/order-service-2/kill, bearer control-test-token, 401",
                "POST, /instances/order-service-2/kill, Bearer control-test-token-and-more, 401",
                "POST, /instances/order-service-2/kill, control-test-token, 401",
                "GET, /instances, Bearer, 401",
                "POST, /instances, Bearer control-test-token, 405",
                "GET, /instances/order-service-2/kill, Bearer control-test-token, 405",
                "DELETE, /instances/order-service-2/kill, Bearer control-test-token, 405",
                "POST, /instances/order-service-3/kill, Bearer control-test-token, 404",
                "POST, /instances/gateway-2/kill, Bearer control-test-token, 404",
                "POST, /instances/ORDER-SERVICE/kill, Bearer control-test-token, 404",
                "POST, /instances/order-service%2D2/kill, Bearer control-test-token, 404",
                "POST, /instances/..%2Forder-service/kill, Bearer control-test-token, 404",
                "POST, /instances/gateway/../order-service/kill, Bearer control-test-token, 404",
                "POST, /instances/order-service-2/kill/, Bearer control-test-token, 404",
                "POST, /instances/order-service-2/restart, Bearer control-test-token, 404",
                "POST, /instances//kill, Bearer control-test-token, 404",
                "POST, /instances/order-service-2/kill?force=1, Bearer control-test-token, 400",
                "POST, /, Bearer control-test-token, 404"
            })
    void refuses(String method, String path, String authorization, int status) throws Exception {
        assertThat(send(method, path, authorization).statusCode()).isEqualTo(status);
        assertThat(this.platform.actions).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + this.control.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Two order-services and a gateway, all running at first; records what was asked of them. */
    private static final class RecordingInstances implements Instances {

        static final List<ServiceInstance> ALL = List.of(
                ServiceInstance.first(ShopService.GATEWAY), ServiceInstance.first(ShopService.ORDER), SECOND_ORDER);

        final List<String> actions = new ArrayList<>();

        final Set<ServiceInstance> running = new HashSet<>(ALL);

        @Override
        public List<ServiceInstance> instances() {
            return ALL;
        }

        @Override
        public boolean isRunning(ServiceInstance instance) {
            return this.running.contains(instance);
        }

        @Override
        public void kill(ServiceInstance instance) {
            this.running.remove(instance);
            this.actions.add("kill " + instance.name());
        }

        @Override
        public void start(ServiceInstance instance) {
            this.running.add(instance);
            this.actions.add("start " + instance.name());
        }
    }
}
