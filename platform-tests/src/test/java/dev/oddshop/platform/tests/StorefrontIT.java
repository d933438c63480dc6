package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The storefront in a real browser (Chromium, headless) on the running platform: browse and
 * search, a cart, checkouts with the simulator's test cards, the order page a learner finds the
 * checkout's trace from, and the pages' own telemetry (Faro, on in the shared platform; the in-test
 * receiver stands in for Alloy's faro.receiver). Each page passes axe-core and is saved as a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class StorefrontIT {

    /** This class's own products, with stock of their own (other classes shop on the shared platform too). */
    private static final long APPROVED = 1701;

    private static final long DECLINED = 1702;

    private static final long DOUBLE_CLICKED = 1703;

    private static final long WITHOUT_TELEMETRY = 1704;

    /** The pages' service name in their telemetry (Faro's app name). */
    private static final String BROWSER = "odd-shop-web";

    private TestPlatform platform;

    private OtlpReceiver receiver;

    private Browser browser;

    @BeforeAll
    void stock(TestPlatform platform, OtlpReceiver receiver) {
        this.platform = platform;
        this.receiver = receiver;
        for (long product : List.of(APPROVED, DECLINED, DOUBLE_CLICKED, WITHOUT_TELEMETRY)) {
            // an idempotent admin call: a platform still warming up on a busy machine may time it out once
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> platform.setAvailable(product, 100));
        }
    }

    @BeforeEach
    void freshBrowser() {
        this.browser = Browser.open(this.platform.url(ShopService.GATEWAY));
    }

    @AfterEach
    void closeBrowser() {
        this.browser.close();
    }

    @Test
    void browsesSearchesFiltersAndPages() {
        this.browser.go("/");
        this.browser.await(driver -> this.browser.all("#products li.product").size() == 12);
        assertThat(this.browser.find("#page-info").getText()).startsWith("Page 1 of");
        this.browser.screenshot("storefront-catalogue");
        this.browser.assertAccessible("the catalogue");

        this.browser.find("#search").sendKeys("headphones", Keys.ENTER);
        this.browser.await(driver -> this.browser.currentPath().contains("q=headphones"));
        this.browser.await(driver -> !this.browser.all("#products li.product").isEmpty()
                && this.browser.all("#products li.product").stream()
                        .allMatch(product -> product.getText().toLowerCase().contains("headphones")));

        this.browser.find("#search").clear();
        new Select(this.browser.find("#category")).selectByValue("books");
        this.browser.find("#search").sendKeys(Keys.ENTER);
        this.browser.await(driver -> this.browser.currentPath().contains("category=books")
                && !this.browser.currentPath().contains("q=headphones"));
        this.browser.await(driver -> this.browser.all("#products li.product").size() == 12
                && this.browser.all("#products li.product").stream()
                        .allMatch(product -> product.getText().contains("books")));

        this.browser.find("#next").click();
        this.browser.awaitText("#page-info", "Page 2 of");
        this.browser.find("#prev").click();
        this.browser.awaitText("#page-info", "Page 1 of");
        assertThat(this.browser.find("#prev").isEnabled()).isFalse();
    }

    @Test
    void aCheckoutWithAnApprovingCardEndsOnItsConfirmedOrderWithTheTraceTheBrowserStarted() {
        addToCart(APPROVED, 2);
        this.browser.go("/cart.html");
        this.browser.await(driver -> !this.browser.all(row(APPROVED)).isEmpty());
        assertThat(this.browser.find(row(APPROVED) + " input.quantity").getAttribute("value"))
                .isEqualTo("2");
        this.browser.screenshot("storefront-cart");
        this.browser.assertAccessible("the cart");

        pay("tok_visa");
        String orderId = awaitOrderPage();
        this.browser.awaitText("#order-status", "CONFIRMED");
        this.browser.await(driver -> !this.browser.all("#status-history li").isEmpty());
        String traceId = this.browser.awaitText("#trace-id", "").getText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(this.browser.find("#checkout-duration").getText()).matches(".*[0-9.]+ s.*");
        assertThat(this.browser.find("#trace-link").getAttribute("href"))
                .startsWith(SharedPlatform.GRAFANA_URL + "/explore")
                .contains(traceId);
        this.browser.screenshot("storefront-order");
        this.browser.assertAccessible("the order page");

        // the backend's trace of this order is the one the page shows, and it starts in the browser: its
        // root is the page's own client span of the checkout call (Faro), the gateway's server span its child
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = this.receiver.trace(traceId);
            assertThat(trace).anyMatch(span -> orderId.equals(span.attributes().get("shop.order.id")));
            ReceivedSpan root = assertThat(trace)
                    .as("the trace %s", trace)
                    .filteredOn(span -> span.parentSpanId().isEmpty())
                    .singleElement()
                    .actual();
            assertThat(root.service()).isEqualTo(BROWSER);
            assertThat(root.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(root.name()).startsWith("POST /api/orders/carts/").endsWith("/checkout");
            assertThat(trace)
                    .as("the trace %s", trace)
                    .filteredOn(
                            span -> span.service().equals("gateway") && span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
                    .singleElement()
                    .extracting(ReceivedSpan::parentSpanId)
                    .isEqualTo(root.spanId());
        });
        this.browser.awaitText("#browser-telemetry", "Browser telemetry is on");
        // and the pages' own telemetry: page loads and Web Vitals
        this.browser.go("/");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.receiver.browserItems())
                        .contains("event:faro.performance.navigation", "measurement:web-vitals"));
    }

    @Test
    void aPersonWhoTurnsBrowserTelemetryOffStillGetsATraceRootedInTheirBrowser() {
        this.browser.go("/");
        this.browser.script("localStorage.setItem('oddshop.telemetry', 'off');");
        addToCart(WITHOUT_TELEMETRY, 1);
        this.browser.go("/cart.html");
        this.browser.await(driver -> !this.browser.all(row(WITHOUT_TELEMETRY)).isEmpty());
        pay("tok_visa");
        String orderId = awaitOrderPage();
        this.browser.awaitText("#order-status", "CONFIRMED");
        this.browser.awaitText("#browser-telemetry", "you turned it off");
        String traceId = this.browser.awaitText("#trace-id", "").getText();

        // the page made the traceparent itself: no span of the browser's, the gateway's parent is the id it sent
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = this.receiver.trace(traceId);
            assertThat(trace).anyMatch(span -> orderId.equals(span.attributes().get("shop.order.id")));
            Set<String> received = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace).noneMatch(span -> span.service().equals(BROWSER));
            assertThat(trace)
                    .filteredOn(
                            span -> span.service().equals("gateway") && span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
                    .singleElement()
                    .satisfies(gateway -> assertThat(gateway.parentSpanId())
                            .matches("[0-9a-f]{16}")
                            .isNotIn(received));
        });
    }

    @Test
    void aDecliningCardShowsWhyAndKeepsTheCartForAnotherCard() {
        addToCart(DECLINED, 1);
        this.browser.go("/cart.html");
        this.browser.await(driver -> !this.browser.all(row(DECLINED)).isEmpty());

        pay("tok_declined");
        assertThat(this.browser.awaitText("#checkout-error", "declined").isDisplayed())
                .isTrue();
        assertThat(this.browser.currentPath()).startsWith("/cart.html");
        assertThat(this.browser.all(row(DECLINED))).hasSize(1);
        this.browser.screenshot("storefront-declined");

        pay("tok_mastercard");
        awaitOrderPage();
        this.browser.awaitText("#order-status", "CONFIRMED");
    }

    @Test
    void aDoubleClickOnPayMakesOneOrder() throws Exception {
        addToCart(DOUBLE_CLICKED, 1);
        this.browser.go("/cart.html");
        this.browser.await(driver -> !this.browser.all(row(DOUBLE_CLICKED)).isEmpty());
        String cartId = this.browser.localStorage("oddshop.cartId").orElseThrow();

        this.browser.find("input[name=card][value=tok_visa]").click();
        // two clicks in one task: the second lands before any answer could
        this.browser.script("const pay = document.getElementById('pay'); pay.click(); pay.click();");
        awaitOrderPage();
        this.browser.awaitText("#order-status", "CONFIRMED");
        assertThat(this.platform.count("orders", "select count(*) from orders where cart_id = '" + cartId + "'"))
                .isEqualTo(1);
    }

    /**
     * A browser keeps its connection to the gateway open between a page's files and its next call.
     * Reactor Netty 1.3.6 stopped reading such a connection after a missing file (the favicon) and a
     * pause, and the next call hung until the browser gave up: the control room's first call did
     * (reactor/reactor-netty#4347). A race: on eight connections at once, 4 to 6 hung on 1.3.6.
     */
    @Test
    void keptAliveConnectionsAnswerTheNextCallAfterAMissingFileAndAPause() throws Exception {
        URI gateway = URI.create(this.platform.url(ShopService.GATEWAY));
        List<Socket> connections = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket connection = new Socket(gateway.getHost(), gateway.getPort());
                connection.setSoTimeout(10_000);
                connections.add(connection);
                assertThat(exchange(connection, "/js/http.js")).isEqualTo(200);
                assertThat(exchange(connection, "/favicon.ico")).isEqualTo(404);
            }
            Thread.sleep(1500);
            for (Socket connection : connections) {
                assertThat(exchange(connection, "/js/dom.js")).isEqualTo(200);
            }
        } finally {
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }

    /** One request on the open connection; its status, once its whole body is read. */
    private static int exchange(Socket connection, String path) throws IOException {
        OutputStream requests = connection.getOutputStream();
        requests.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        requests.flush();
        InputStream answers = connection.getInputStream();
        int status = Integer.parseInt(line(answers).split(" ")[1]);
        int length = 0;
        for (String header = line(answers); !header.isEmpty(); header = line(answers)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        header.substring("content-length:".length()).strip());
            }
        }
        // every answer here has a Content-Length: read exactly its body, the next answer follows it
        answers.readNBytes(length);
        return status;
    }

    /** A header line without its CRLF, read byte by byte so that no byte of the body is taken. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void addToCart(long product, int quantity) {
        this.browser.go("/product.html?id=" + product);
        this.browser.awaitText("#stock", "in stock");
        if (product == APPROVED) {
            this.browser.screenshot("storefront-product");
            this.browser.assertAccessible("the product page");
        }
        WebElement amount = this.browser.find("#quantity");
        amount.clear();
        amount.sendKeys(Integer.toString(quantity));
        this.browser.find("#add-to-cart").click();
        this.browser.awaitText("#message", "Added");
    }

    private void pay(String card) {
        this.browser.find("input[name=card][value=" + card + "]").click();
        this.browser.find("#pay").click();
    }

    /** Waits for the order page the checkout leads to; its order id. */
    private String awaitOrderPage() {
        this.browser.await(driver -> this.browser.currentPath().startsWith("/order.html?id="));
        String query = this.browser.currentPath().substring("/order.html?id=".length());
        return query.contains("&") ? query.substring(0, query.indexOf('&')) : query;
    }

    private static String row(long product) {
        return "#cart-items tr[data-product-id='" + product + "']";
    }
}
