package dev.oddshop.platform.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import dev.oddshop.platform.fault.app.FaultTestApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Each fault kind's effect, measured over real HTTP, and the controls around it. */
@SpringBootTest(
        classes = FaultTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.admin.token=fault-test-token", "spring.application.name=fault-test"})
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class FaultEngineTest {

    private static final String TOKEN = "Bearer fault-test-token";

    /** How long a fault may take to expire or start: seconds as a rule, more on a loaded machine. */
    private static final Duration SETTLES = Duration.ofSeconds(30);

    @Autowired
    RestTestClient http;

    @Autowired
    FaultRegistry registry;

    @Autowired
    FaultEngine points;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void switchEverythingOff() {
        this.registry.active().forEach(fault -> this.registry.disable(fault.id()));
    }

    @Test
    void latencyIsAddedWithinToleranceAndGoneWhenSwitchedOff() {
        enable(Map.of(
                "id", "slow-work", "kind", "LATENCY", "point", "test.work", "duration", "PT0.3S", "jitter", "PT0.1S"));
        assertThat(gauge("slow-work")).isEqualTo(1.0);
        assertThat(timeWork()).isGreaterThanOrEqualTo(300L);
        this.http
                .delete()
                .uri("/admin/faults/slow-work")
                .header("Authorization", TOKEN)
                .exchange()
                .expectStatus()
                .isOk();
        assertNoStrikeOf("slow-work");
        assertThat(gauge("slow-work")).isZero();
    }

    @Test
    void errorsStrikeTheirShareOfCalls() {
        enable(Map.of("id", "flaky-work", "kind", "ERROR", "point", "test.work", "probability", 0.5));
        int calls = 200;
        int errors = 0;
        for (int i = 0; i < calls; i++) {
            int status = this.http
                    .get()
                    .uri("/work")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            errors += status == 500 ? 1 : 0;
        }
        // binomial(200, 0.5): mean 100, sd about 7; +-5 sd
        assertThat(errors).isBetween(65, 135);
        assertThat(this.meters
                        .get("shop.fault.injections")
                        .tag("fault", "flaky-work")
                        .counter()
                        .count())
                .isEqualTo(errors);
    }

    @Test
    void aHotLoopBurnsCpu() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        enable(Map.of("id", "hot-loop", "kind", "CPU_HOT_LOOP", "point", "test.work", "duration", "PT0.4S"));
        long before = os.getProcessCpuTime();
        timeWork();
        // the burn counts its own thread's CPU time, so however busy the machine, the process spent at least that
        assertThat(Duration.ofNanos(os.getProcessCpuTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aLeakKeepsMemoryPerCall() {
        enable(Map.of("id", "leak", "kind", "MEMORY_LEAK", "point", "test.work", "duration", "PT1S"));
        for (int i = 0; i < 5; i++) {
            timeWork();
        }
        assertThat(this.points.retainedBytes()).isEqualTo(5 * 1000 * 1024L);
        // switching the leak off lets its memory go, as the restart that mitigates a leak would
        this.registry.disable("leak");
        assertThat(this.points.retainedBytes()).isZero();
    }

    @Test
    void aHangLastsUntilTheFaultExpires() {
        enable(Map.of("id", "stuck", "kind", "HANG", "point", "test.work", "ttl", "PT1S"));
        assertThat(timeWork()).isGreaterThanOrEqualTo(700L);
        await().atMost(SETTLES).until(() -> this.registry.active().isEmpty());
        assertNoStrikeOf("stuck");
    }

    @Test
    void aHangEndsWhenTheFaultIsSwitchedOff() {
        enable(Map.of("id", "stuck-long", "kind", "HANG", "point", "test.work", "ttl", "PT1M"));
        CompletableFuture.runAsync(
                () -> this.registry.disable("stuck-long"),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        // the hang ended: the work answered, however long the machine took on top of the 500 ms
        assertThat(timeWork()).isGreaterThanOrEqualTo(400L);
    }

    @Test
    void anExpiredFaultSwitchesItselfOff() {
        enable(Map.of("id", "short", "kind", "LATENCY", "point", "test.work", "duration", "PT0.5S", "ttl", "PT1S"));
        await().atMost(SETTLES).until(() -> this.registry.active().isEmpty());
        assertNoStrikeOf("short");
    }

    @Test
    void aLogFloodWritesMisleadingErrors(CapturedOutput output) {
        enable(Map.of("id", "noise", "kind", "LOG_FLOOD", "point", "test.work"));
        timeWork();
        assertThat(output.getOut().lines().filter(line -> line.contains("Cache refresh failed")))
                .hasSize(20);
    }

    @Test
    void aDecisionFaultStrikesItsShareOfCalls() {
        enable(Map.of("id", "declines", "kind", "DECLINE", "point", "test.decide", "probability", 0.3));
        int calls = 300;
        int struck = 0;
        for (int i = 0; i < calls; i++) {
            struck += Boolean.TRUE.equals(this.http
                            .get()
                            .uri("/decide")
                            .exchange()
                            .returnResult(Boolean.class)
                            .getResponseBody())
                    ? 1
                    : 0;
        }
        // binomial(300, 0.3): mean 90, sd about 8; +-5 sd
        assertThat(struck).isBetween(50, 130);
    }

    @Test
    void readinessFlapsWhileTheFaultIsOn() {
        this.http
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        enable(Map.of("id", "flap", "kind", "READINESS_FLAP", "point", "readiness"));
        this.http
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        this.registry.disable("flap");
        this.http
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void threadSaturationLetsCallsPassOneAtATimeAndBlocksTheRest() throws Exception {
        enable(Map.of("id", "one-at-a-time", "kind", "THREAD_SATURATION", "point", "test.work", "duration", "PT0.4S"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Long>> calls = IntStream.range(0, 4)
                    .mapToObj(i -> callers.submit(this::timeWork))
                    .toList();
            boolean blockedSeen = false;
            while (!blockedSeen && calls.stream().anyMatch(call -> !call.isDone())) {
                blockedSeen = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                        .anyMatch(thread -> thread.getThreadState() == Thread.State.BLOCKED
                                && thread.getLockName() != null
                                && thread.getThreadName().startsWith("http-nio"));
            }
            for (Future<Long> call : calls) {
                call.get();
            }
            // four calls of 0.4 s each, one after the other
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_600L);
            assertThat(blockedSeen)
                    .as("request threads BLOCKED on the fault's monitor")
                    .isTrue();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aDelayedFaultStrikesFromItsStartOnly() {
        // a delay long enough that a loaded machine still calls before it ends
        enable(Map.of("id", "later", "kind", "LATENCY", "point", "test.work", "duration", "PT0.5S", "delay", "PT5S"));
        assertThat(gauge("later")).isZero();
        assertNoStrikeOf("later");
        await().atMost(SETTLES).until(() -> gauge("later") == 1.0);
        assertThat(timeWork()).isGreaterThanOrEqualTo(500L);
    }

    @Test
    void aDatabaseFaultIsRefusedWhereThereIsNoDatabase() {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "slow-sql", "kind", "SLOW_SQL", "point", "test.work", "duration", "PT1S"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/fault-not-applicable");
        assertThat(this.registry.active()).isEmpty();
    }

    @Test
    void faultsNeedTheAdminToken() {
        this.http.get().uri("/admin/faults").exchange().expectStatus().isUnauthorized();
        this.http
                .get()
                .uri("/admin/faults")
                .header("Authorization", "Bearer wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        this.http
                .get()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aFaultAtAPointTheServiceDoesNotDeclareIsRefusedWithTheValidPoints() {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\":\"typo\",\"kind\":\"LATENCY\",\"point\":\"test.wrok\",\"duration\":\"PT1S\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/fault-point-unknown")
                .jsonPath("$.points")
                .isEqualTo(List.of("readiness", "test.call", "test.decide", "test.work"));
        assertThat(this.registry.active()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UNREACHABLE:test.work",
                "DECLINE:test.work",
                "LOCK_CONTENTION:test.decide",
                "SLOW_SQL:test.call",
                "READINESS_FLAP:test.work"
            })
    void aKindThatDoesNotActAtThePointIsRefusedWithTheKindsThatDo(String pair) {
        String[] kindAndPoint = pair.split(":");
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "misplaced", "kind", kindAndPoint[0], "point", kindAndPoint[1]))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://odd-shop.dev/problems/fault-kind-not-applicable")
                .jsonPath("$.kinds")
                .value(kinds -> assertThat(new ArrayList<Object>((List<?>) kinds))
                        .isNotEmpty()
                        .doesNotContain(kindAndPoint[0]));
        assertThat(this.registry.active()).isEmpty();
    }

    @Test
    void theDeclaredPointsAreListedWithWhereTheyAre() {
        this.http
                .get()
                .uri("/admin/faults/points")
                .header("Authorization", TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.point == 'test.work')].description")
                .isEqualTo(List.of("GET /work, before it answers"))
                .jsonPath("$[?(@.point == 'test.call')].kinds[*]")
                .isEqualTo(List.of("ERROR", "LATENCY", "UNREACHABLE"))
                .jsonPath("$[?(@.point == 'test.call')].callee")
                .isEqualTo(List.of("fault-test"))
                .jsonPath("$.length()")
                .isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"id\":\"x\",\"kind\":\"EARTHQUAKE\",\"point\":\"test.work\"}",
                "{\"id\":\"x\",\"kind\":\"LATENCY\",\"point\":\"test.work\",\"probability\":2}",
                "{\"id\":\"x\",\"kind\":\"LATENCY\",\"point\":\"test.work\",\"ttl\":\"PT2H\"}",
                "{\"id\":\"x\",\"kind\":\"LATENCY\",\"point\":\"test.work\",\"duration\":\"PT-1S\"}",
                "{\"id\":\"x\",\"kind\":\"LATENCY\",\"point\":\"test.work\",\"delay\":\"PT2H\"}",
                "{\"kind\":\"LATENCY\",\"point\":\"test.work\"}",
                "{\"id\":\"Bad Id\",\"kind\":\"LATENCY\",\"point\":\"x\"}",
                "not json"
            })
    void badInputIsABadRequestAndSwitchesNothingOn(String body) {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(this.registry.active()).isEmpty();
    }

    @Test
    void anUnknownFaultIsNotFound() {
        this.http
                .delete()
                .uri("/admin/faults/nothing")
                .header("Authorization", TOKEN)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private void enable(Map<String, Object> request) {
        this.http
                .post()
                .uri("/admin/faults")
                .header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private long timeWork() {
        long start = System.nanoTime();
        this.http.get().uri("/work").exchange().expectStatus().isOk();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The work, called while the fault is off or not yet on, is not struck by it. */
    private void assertNoStrikeOf(String fault) {
        double before = strikes(fault);
        timeWork();
        assertThat(strikes(fault)).isEqualTo(before);
    }

    private double strikes(String fault) {
        Counter counter =
                this.meters.find("shop.fault.injections").tag("fault", fault).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String fault) {
        return this.meters.get("shop.fault.active").tag("fault", fault).gauge().value();
    }
}
