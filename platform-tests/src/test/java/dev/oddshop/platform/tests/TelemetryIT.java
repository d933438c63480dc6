package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.OtlpReceiver.ReceivedSpan;
import dev.oddshop.platform.tests.ShopApi.Reply;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One checkout through the gateway yields one trace across every service, log lines with its
 * trace id, an exemplar pointing at it and business counters moved by exactly its order. An
 * in-test OTLP receiver stands in for Tempo, which cannot run here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class TelemetryIT {

    private static final Set<String> ALL_SERVICES = Set.of(
            "gateway",
            "order-service",
            "catalog-service",
            "inventory-service",
            "payment-service",
            "payment-provider-simulator");

    private OtlpReceiver receiver;

    private TestPlatform platform;

    @BeforeAll
    void useTheSharedPlatform(TestPlatform platform, OtlpReceiver receiver) {
        this.platform = platform;
        this.receiver = receiver;
    }

    @Test
    void aCheckoutIsOneTraceAcrossEveryServiceWithLogsMetricsAndExemplars() throws IOException {
        ShopApi orders = this.platform.direct(ShopService.ORDER);
        ShopApi payments = this.platform.direct(ShopService.PAYMENT);
        double confirmedBefore = sample(orders, "shop_orders_total", "outcome=\"confirmed\"");
        double revenueBefore = sample(orders, "shop_revenue_cents_total", "currency=\"EUR\"");
        double capturedBefore = sample(payments, "shop_payments_total", "outcome=\"captured\"");
        double checkoutsBefore = sample(orders, "shop_checkouts_total", "outcome=\"confirmed\"", "cause=\"none\"");

        // The exemplar of the checkout's latency bucket points at the checkout's trace. The client
        // library samples exemplars at a bounded rate, so a bucket may keep an earlier one: check out
        // until one of this test's checkouts is the exemplar (the first, as a rule).
        String orderId = null;
        String traceId = null;
        int checkouts = 0;
        long revenue = 0;
        while (traceId == null && checkouts < 5) {
            String cart = this.platform.cartWith("tracy", 301, 2);
            Reply checkout = this.platform.checkout("tracy", cart, "tok_visa", null);
            assertThat(checkout.text("status")).as(checkout.raw()).isEqualTo("CONFIRMED");
            checkouts++;
            revenue += checkout.body().path("totalCents").asLong();
            String candidate = traceOfOrder(checkout.text("orderId"));
            boolean exemplar = openMetrics(orders).stream()
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                            && line.contains("uri=\"/api/orders/carts/{cartId}/checkout\"")
                            && line.contains("trace_id=\"" + candidate + "\""));
            if (exemplar) {
                orderId = checkout.text("orderId");
                traceId = candidate;
            }
        }
        assertThat(traceId).as("an exemplar pointing at a checkout trace").isNotNull();
        String checkoutTrace = traceId;
        String checkoutOrder = orderId;

        // a span ends after its children and may come in a later export than they do (the gateway's root
        // last of all): the trace is whole once every service is in it and every span's parent is
        List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> this.receiver.trace(checkoutTrace),
                        spans -> spans.stream()
                                        .map(ReceivedSpan::service)
                                        .collect(Collectors.toSet())
                                        .containsAll(ALL_SERVICES)
                                && spans.stream()
                                        .anyMatch(span -> span.parentSpanId().isEmpty())
                                && parentsPresent(spans));
        List<ReceivedSpan> roots =
                trace.stream().filter(span -> span.parentSpanId().isEmpty()).toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("gateway");
            assertThat(root.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        });
        assertThat(parentsPresent(trace))
                .as("every span's parent is in the trace")
                .isTrue();
        assertThat(trace)
                .as("span names per OpenTelemetry semantic conventions")
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("order-service");
                    assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                    assertThat(span.name()).isEqualTo("POST /api/orders/carts/{cartId}/checkout");
                })
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("order-service");
                    assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                    assertThat(span.name()).isEqualTo("PUT /internal/reservations/{orderId}");
                });
        assertThat(trace).as("database spans").anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("inventory-service");
            assertThat(span.attributes().keySet()).anyMatch(key -> key.startsWith("jdbc"));
        });
        assertThat(trace).as("checkout span with business attributes").anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("order-service");
            assertThat(span.name()).isEqualTo("checkout");
            assertThat(span.attributes())
                    .containsEntry("shop.order.id", checkoutOrder)
                    .containsEntry("shop.cart.size", "1");
            assertThat(span.error()).isFalse();
        });
        assertThat(trace).as("payment span").anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("payment-service");
            assertThat(span.name()).isEqualTo("payment charge");
            assertThat(span.attributes()).containsEntry("shop.payment.provider_result", "succeeded");
        });

        // the log lines of the request carry its trace id
        for (String service : List.of("gateway", "order-service", "payment-service")) {
            assertThat(logLines(service))
                    .as(service)
                    .anySatisfy(line -> assertThat(line).contains("\"trace_id\":\"" + checkoutTrace + "\""));
        }
        assertThat(logLines("order-service"))
                .anySatisfy(line -> assertThat(line)
                        .contains("\"trace_id\":\"" + checkoutTrace)
                        .contains("\"order_id\":\"" + checkoutOrder + "\"")
                        .contains("confirmed"));

        // business counters moved by exactly these orders
        assertThat(sample(orders, "shop_orders_total", "outcome=\"confirmed\"")).isEqualTo(confirmedBefore + checkouts);
        assertThat(sample(orders, "shop_revenue_cents_total", "currency=\"EUR\""))
                .isEqualTo(revenueBefore + revenue);
        assertThat(sample(payments, "shop_payments_total", "outcome=\"captured\""))
                .isEqualTo(capturedBefore + checkouts);
        assertThat(sample(orders, "shop_checkouts_total", "outcome=\"confirmed\"", "cause=\"none\""))
                .isEqualTo(checkoutsBefore + checkouts);
    }

    @Test
    void aDeclinedPaymentMarksTheCheckoutAndTheChargeAsErrors() throws IOException {
        ShopApi orders = this.platform.direct(ShopService.ORDER);
        double customerFailuresBefore =
                sample(orders, "shop_checkouts_total", "outcome=\"failed\"", "cause=\"customer\"");
        String cart = this.platform.cartWith("declan", 302, 1);
        Reply checkout = this.platform.checkout("declan", cart, "tok_declined", null);
        assertThat(checkout.text("status")).isEqualTo("FAILED");
        // the customer's card, not the shop: outside the checkout-success SLO's budget
        assertThat(sample(orders, "shop_checkouts_total", "outcome=\"failed\"", "cause=\"customer\""))
                .isEqualTo(customerFailuresBefore + 1);
        String traceId = traceOfOrder(checkout.text("orderId"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = this.receiver.trace(traceId);
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.name()).isEqualTo("checkout");
                assertThat(span.error()).isTrue();
            });
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.name()).isEqualTo("payment charge");
                assertThat(span.error()).isTrue();
                assertThat(span.attributes()).containsEntry("shop.payment.provider_result", "declined");
            });
            // the provider answered 200: its own span is no error, the decline is a business outcome
            assertThat(trace)
                    .filteredOn(span -> span.service().equals("payment-provider-simulator"))
                    .isNotEmpty()
                    .noneMatch(ReceivedSpan::error);
        });
    }

    @Test
    void everyServiceIsProfiledAndItsRootSpansCarryTheProfileId() {
        String cart = this.platform.cartWith("petra", 304, 1);
        Reply checkout = this.platform.checkout("petra", cart, "tok_visa", null);
        String traceId = traceOfOrder(checkout.text("orderId"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(this.receiver.profiledApplications()).containsAll(ALL_SERVICES));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.receiver.trace(traceId))
                        .filteredOn(span ->
                                span.service().equals("order-service") && span.kind() == SpanKind.SPAN_KIND_SERVER)
                        .singleElement()
                        .satisfies(root ->
                                assertThat(root.attributes()).containsEntry("pyroscope.profile.id", root.spanId())));
    }

    @Test
    void providerRetriesAreVisibleInTheTrace() throws IOException {
        ShopApi orders = this.platform.direct(ShopService.ORDER);
        double internalFailuresBefore =
                sample(orders, "shop_checkouts_total", "outcome=\"failed\"", "cause=\"internal\"");
        String cart = this.platform.cartWith("rita", 303, 1);
        Reply checkout = this.platform.checkout("rita", cart, "tok_error", null);
        assertThat(checkout.text("status")).as(checkout.raw()).isEqualTo("FAILED");
        // the shop's failure burns the checkout-success budget; the customer reads a stable reason,
        // never the provider's answer
        assertThat(sample(orders, "shop_checkouts_total", "outcome=\"failed\"", "cause=\"internal\""))
                .isEqualTo(internalFailuresBefore + 1);
        assertThat(checkout.text("failureReason")).isEqualTo("the payment could not be completed; nothing was charged");
        String traceId = traceOfOrder(checkout.text("orderId"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = this.receiver.trace(traceId);
            // three attempts, each a call the provider saw
            assertThat(trace)
                    .filteredOn(span -> span.service().equals("payment-provider-simulator")
                            && span.kind() == SpanKind.SPAN_KIND_SERVER)
                    .hasSize(3);
            assertThat(trace)
                    .filteredOn(span -> span.name().equals("payment charge"))
                    .singleElement()
                    .satisfies(span -> assertThat(span.events())
                            .filteredOn(event -> event.startsWith("retry provider"))
                            .hasSize(2));
        });
    }

    @Test
    void everyServicesMetricsPassPromtool() throws Exception {
        RequiredTools.require("promtool");
        for (ShopService service : ShopService.values()) {
            String metrics =
                    this.platform.direct(service).get("/actuator/prometheus").raw();
            assertThat(metrics)
                    .as(service.module())
                    .contains(
                            "jvm_memory_used_bytes",
                            "process_cpu_usage",
                            "jvm_gc_memory_allocated_bytes_total",
                            "http_server_requests",
                            "application=\"" + service.module() + "\"",
                            "service_version=\"",
                            "environment=\"local\"");
            if (service.database() != null) {
                assertThat(metrics).as(service.module()).contains("hikaricp_connections_active");
            }
            if (service == ShopService.ORDER || service == ShopService.PAYMENT) {
                assertThat(metrics)
                        .as(service.module())
                        .contains(
                                "resilience4j_circuitbreaker_state",
                                "resilience4j_retry_calls",
                                "resilience4j_bulkhead");
            }
            if (service == ShopService.ORDER) {
                assertThat(metrics).contains("shop_orders_pending", "shop_checkout_seconds_bucket", "shop_cart_items");
            }
            Process check = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            try (var stdin = check.getOutputStream()) {
                stdin.write(metrics.getBytes(StandardCharsets.UTF_8));
            }
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(service.module() + ": " + report).isZero();
            assertThat(report).as(service.module()).isBlank();
        }
    }

    private String traceOfOrder(String orderId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> this.receiver.spans().stream()
                                .filter(span -> orderId.equals(span.attributes().get("shop.order.id")))
                                .map(ReceivedSpan::traceId)
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    private List<String> openMetrics(ShopApi service) {
        Reply reply = service.get("/actuator/prometheus", "Accept", "application/openmetrics-text;version=1.0.0");
        assertThat(reply.contentType()).startsWith("application/openmetrics-text");
        return reply.raw().lines().toList();
    }

    /** The sum of a sample over every series whose labels contain each of {@code labels}; 0 when absent. */
    private static double sample(ShopApi service, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$");
        return service.get("/actuator/prometheus")
                .raw()
                .lines()
                .map(line::matcher)
                .filter(Matcher::matches)
                .filter(m -> Stream.of(labels).allMatch(m.group(1)::contains))
                .mapToDouble(m -> Double.parseDouble(m.group(2)))
                .sum();
    }

    private List<String> logLines(String service) throws IOException {
        try (Stream<String> lines = Files.lines(this.platform.logs().resolve(service + ".log"))) {
            return lines.toList();
        }
    }

    private static boolean parentsPresent(List<ReceivedSpan> spans) {
        Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        return spans.stream().allMatch(span -> span.parentSpanId().isEmpty() || ids.contains(span.parentSpanId()));
    }
}
