package dev.oddshop.payment;

import dev.oddshop.provider.ProviderSimulatorApplication;
import dev.oddshop.provider.charge.Charge;
import dev.oddshop.provider.charge.Ledger;
import dev.oddshop.provider.charge.Refund;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The real provider simulator, started in the test JVM on a free port, so payments go over real
 * HTTP to a real idempotent processor.
 */
final class ProviderSimulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final RestClient http;

    private ProviderSimulator(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = RestClient.create(url());
    }

    static ProviderSimulator start(Duration latency) {
        return new ProviderSimulator(
                new SpringApplicationBuilder(ProviderSimulatorApplication.class)
                        .run(
                                // the test classpath's application.yml is payment-service's: the simulator must not
                                // read it
                                "--spring.config.name=payment-provider-simulator-test",
                                "--server.port=0",
                                "--spring.application.name=payment-provider-simulator",
                                "--spring.main.banner-mode=off",
                                "--shop.simulator.latency.mean=" + latency.toMillis() + "ms",
                                "--shop.simulator.latency.jitter=0ms",
                                // payment-service's database starters are on this classpath too; the simulator has no
                                // database
                                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
    }

    String url() {
        return "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
    }

    Ledger ledger() {
        return this.http.get().uri("/v1/ledger").retrieve().body(Ledger.class);
    }

    /** A charge made straight at the provider under the order's key, as payment-service would have made it. */
    Charge chargeDirectly(Object order, long amountCents) {
        return this.http
                .post()
                .uri("/v1/charges")
                .header("Idempotency-Key", order.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "amountCents",
                        amountCents,
                        "currency",
                        "EUR",
                        "source",
                        "tok_visa",
                        "reference",
                        order.toString()))
                .retrieve()
                .body(Charge.class);
    }

    /** A refund made straight at the provider, as payment-service would have made it. */
    Refund refund(String idempotencyKey, String chargeId, long amountCents) {
        return this.http
                .post()
                .uri("/v1/refunds")
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("charge", chargeId, "amountCents", amountCents))
                .retrieve()
                .body(Refund.class);
    }

    Optional<Charge> charge(Object idempotencyKey) {
        return this.http
                .get()
                .uri("/v1/charges?idempotencyKey={key}", idempotencyKey)
                .exchange((request, response) -> response.getStatusCode().value() == 404
                        ? Optional.empty()
                        : Optional.of(response.bodyTo(Charge.class)));
    }

    @Override
    public void close() {
        this.context.close();
    }
}
