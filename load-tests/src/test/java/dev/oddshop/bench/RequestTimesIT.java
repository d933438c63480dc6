package dev.oddshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.oddshop.load.GatlingRuns;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's response times come from Gatling's own statistics of a run: a real (short) Gatling
 * run against a stub server that answers /fine with 200 and /broken with 500.
 */
class RequestTimesIT {

    @Test
    void readsEveryRequestNameOfAGatlingRunWithItsFailures(@TempDir Path results) throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/fine") ? 200 : 500, -1);
            exchange.close();
        });
        stub.start();
        try {
            System.setProperty(
                    "stub.url", "http://127.0.0.1:" + stub.getAddress().getPort());
            int exit = io.gatling.app.Gatling$.MODULE$.fromArgs(
                    new String[] {"--simulation", StubSimulation.class.getName(), "--results-folder", results.toString()
                    });
            assertThat(exit).as("Gatling's exit status").isZero();
        } finally {
            stub.stop(0);
        }
        Map<String, RequestTimes> times =
                RequestTimes.of(GatlingRuns.latest(results).orElseThrow());

        assertThat(times).containsOnlyKeys("fine", "broken");
        assertThat(times.get("fine")).satisfies(fine -> {
            assertThat(fine.count()).isEqualTo(5);
            assertThat(fine.failed()).isZero();
            assertThat(fine.p50()).isLessThanOrEqualTo(fine.p95());
            assertThat(fine.p95()).isLessThanOrEqualTo(fine.p99());
        });
        assertThat(times.get("broken").count()).isEqualTo(5);
        assertThat(times.get("broken").failed()).isEqualTo(5);
    }
}
