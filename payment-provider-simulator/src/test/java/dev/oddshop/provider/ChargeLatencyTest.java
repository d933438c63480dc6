package dev.oddshop.provider;

import static dev.oddshop.provider.MerchantApi.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.provider.charge.Charge;
import dev.oddshop.provider.charge.ChargeStatus;
import dev.oddshop.provider.charge.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Charges take the configured time, and duplicates arriving meanwhile never charge twice. The
 * latency is long (2 s) so that a loaded machine still looks the charge up while it processes;
 * the test bounds the time from below only (what the simulator was asked to spend).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.simulator.latency.mean=2s", "shop.simulator.latency.jitter=100ms"})
@AutoConfigureRestTestClient
class ChargeLatencyTest {

    private final RestTestClient http;

    private final MerchantApi api;

    ChargeLatencyTest(@Autowired RestTestClient http) {
        this.http = http;
        this.api = new MerchantApi(http);
    }

    @Test
    void aChargeTakesTheConfiguredLatencyAndIsProcessingMeanwhile() {
        String key = UUID.randomUUID().toString();
        long start = System.nanoTime();
        CompletableFuture<Charge> charge = CompletableFuture.supplyAsync(() -> charge(key));
        Charge during = awaitLookup(key);
        assertThat(during.status()).isEqualTo(ChargeStatus.PROCESSING);
        assertThat(charge.join().status()).isEqualTo(ChargeStatus.SUCCEEDED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(lookup(key).status()).isEqualTo(ChargeStatus.SUCCEEDED);
    }

    @Test
    void fiftyConcurrentDuplicatesMakeOneCharge() {
        String key = UUID.randomUUID().toString();
        Ledger before = this.api.ledger();
        List<Charge> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<CompletableFuture<Charge>> calls = IntStream.range(0, 50)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> charge(key), pool))
                    .toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        }
        assertThat(answers)
                .extracting(Charge::id)
                .containsOnly(answers.getFirst().id());
        assertThat(answers).extracting(Charge::status).containsOnly(ChargeStatus.SUCCEEDED);
        Ledger after = this.api.ledger();
        assertThat(after.charges() - before.charges()).isEqualTo(1);
        assertThat(after.succeededAmountCents() - before.succeededAmountCents()).isEqualTo(2500);
    }

    private Charge charge(String key) {
        return this.api.charge(key, chargeBody(2500, "EUR", "tok_visa"), 200);
    }

    /** The charge as soon as the processor has recorded it. */
    private Charge awaitLookup(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int status = this.http
                    .get()
                    .uri("/v1/charges?idempotencyKey={key}", key)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 200) {
                return lookup(key);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("The charge never showed up");
    }

    private Charge lookup(String key) {
        return this.http
                .get()
                .uri("/v1/charges?idempotencyKey={key}", key)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Charge.class)
                .returnResult()
                .getResponseBody();
    }
}
