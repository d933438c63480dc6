package dev.oddshop.order.checkout;

import dev.oddshop.order.remote.PaymentClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * catalog-service, inventory-service and payment-service as order-service's clients see them:
 * three MockWebServers answering over real HTTP, on the paths, with the status codes and bodies
 * the services' controllers have (problem+json for every 4xx and 5xx). They stand in for other
 * services only, never for order-service's own classes. An endpoint answers what the test set, or
 * else what its service answers when all is well; every request is remembered for the test to
 * check. One set per JVM, so every test class gets the same base URLs and shares one context.
 */
final class StubServices {

    /** What the catalog stub charges for a product unless a test set prices. */
    static final long DEFAULT_PRICE_CENTS = 1_000;

    private static final JsonMapper JSON = JsonMapper.shared();

    private static StubServices shared;

    enum Service {
        CATALOG,
        INVENTORY,
        PAYMENT;

        String baseUrlProperty() {
            return "shop.clients.services." + name().toLowerCase(Locale.ROOT) + ".base-url";
        }
    }

    /** The endpoints order-service calls, as the services' controllers map them. */
    enum Endpoint {
        PRICE(Service.CATALOG, "GET", "/api/catalog/products/([^/]+)"),
        RESERVE(Service.INVENTORY, "PUT", "/internal/reservations/([^/]+)"),
        COMMIT(Service.INVENTORY, "POST", "/internal/reservations/([^/]+)/commit"),
        RELEASE(Service.INVENTORY, "POST", "/internal/reservations/([^/]+)/release"),
        CHARGE(Service.PAYMENT, "POST", "/internal/payments"),
        PAYMENT_STATUS(Service.PAYMENT, "GET", "/internal/payments/([^/]+)"),
        CANCEL(Service.PAYMENT, "POST", "/internal/payments/([^/]+)/cancel"),
        REFUND(Service.PAYMENT, "POST", "/internal/payments/([^/]+)/refund");

        private final Service service;

        private final String method;

        private final Pattern path;

        Endpoint(Service service, String method, String path) {
            this.service = service;
            this.method = method;
            this.path = Pattern.compile(path);
        }

        Service service() {
            return this.service;
        }

        /** The id in the path (order or product), or the order id of a charge's body; null if no match. */
        private String match(String method, String path, JsonNode body) {
            Matcher matcher = this.path.matcher(path);
            if (!this.method.equals(method) || !matcher.matches()) {
                return null;
            }
            return matcher.groupCount() > 0
                    ? matcher.group(1)
                    : body.path("orderId").asString("");
        }
    }

    /** One request a stub received: the endpoint, the id it is about (order or product), its path and body. */
    record Call(Endpoint endpoint, String id, String path, JsonNode body) {

        boolean isAbout(UUID orderId) {
            return this.id.equals(orderId.toString());
        }
    }

    /** How an endpoint answers a call; it may block, as a slow service does. */
    @FunctionalInterface
    interface Answer {

        MockResponse to(Call call) throws InterruptedException;
    }

    private final Map<Service, MockWebServer> servers = new EnumMap<>(Service.class);

    private final Map<Endpoint, Answer> answers = new ConcurrentHashMap<>();

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    private StubServices() {
        for (Service service : Service.values()) {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Routes(service));
            try {
                server.start();
            } catch (IOException ex) {
                throw new UncheckedIOException("The " + service + " stub did not start", ex);
            }
            this.servers.put(service, server);
        }
    }

    /** The stubs of this JVM, started on free ports at first use, stopped when the JVM exits. */
    static synchronized StubServices shared() {
        if (shared == null) {
            shared = new StubServices();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Points order-service's clients at the stubs. */
    void register(DynamicPropertyRegistry registry) {
        this.servers.keySet().forEach(service -> registry.add(service.baseUrlProperty(), () -> baseUrl(service)));
    }

    String baseUrl(Service service) {
        MockWebServer server = this.servers.get(service);
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** Back to services that work, and nothing received. */
    void reset() {
        this.answers.clear();
        this.calls.clear();
        this.unexpected.clear();
    }

    void answer(Endpoint endpoint, Answer answer) {
        this.answers.put(endpoint, answer);
    }

    List<Call> calls(Endpoint endpoint) {
        return this.calls.stream().filter(call -> call.endpoint() == endpoint).toList();
    }

    List<Call> calls(Endpoint endpoint, UUID orderId) {
        return calls(endpoint).stream().filter(call -> call.isAbout(orderId)).toList();
    }

    /** The endpoints of the service called, in the order they were called. */
    List<Endpoint> called(Service service) {
        return this.calls.stream()
                .filter(call -> call.endpoint().service() == service)
                .map(Call::endpoint)
                .toList();
    }

    /** The endpoints of the service called about the order, in the order they were called. */
    List<Endpoint> called(Service service, UUID orderId) {
        return this.calls.stream()
                .filter(call -> call.endpoint().service() == service && call.isAbout(orderId))
                .map(Call::endpoint)
                .toList();
    }

    /** Requests no endpoint of the services matches: a client calling a path that does not exist. */
    List<String> unexpected() {
        return List.copyOf(this.unexpected);
    }

    private void close() {
        this.servers.values().forEach(MockWebServer::close);
    }

    /** When all is well: a product at the default price, stock reserved, payments captured. */
    private static Answer normally(Endpoint endpoint) {
        return switch (endpoint) {
            case PRICE -> product(DEFAULT_PRICE_CENTS);
            case RESERVE -> call -> json(HttpStatus.CREATED, reservation(call, "ACTIVE"));
            case COMMIT -> reservation("COMMITTED");
            case RELEASE -> reservation("RELEASED");
            case CHARGE -> payment(PaymentClient.Status.CAPTURED, null, null);
            case PAYMENT_STATUS ->
                call -> problem(HttpStatus.NOT_FOUND, "not-found", "Payment of order " + call.id() + " not found")
                        .to(call);
            // payment-service's tombstone: no charge asked for yet, and none will be taken now
            case CANCEL ->
                call -> json(
                        HttpStatus.OK,
                        new PaymentView(
                                UUID.randomUUID(),
                                call.id(),
                                "FAILED",
                                null,
                                null,
                                0,
                                null,
                                "cancelled before charge"));
            case REFUND -> payment(PaymentClient.Status.REFUNDED, null, null);
        };
    }

    // catalog-service

    /** ProductController: the product, at this price. */
    static Answer product(long priceCents) {
        return call -> json(
                HttpStatus.OK,
                new ProductView(
                        Long.parseLong(call.id()),
                        "SKU-" + call.id(),
                        "Product " + call.id(),
                        "test",
                        "A product of the stub catalog",
                        priceCents,
                        "EUR"));
    }

    /** The product at its price in {@code prices}; any other is not found, as for a product no longer sold. */
    static Answer prices(Map<Long, Long> prices) {
        return call -> {
            Long price = prices.get(Long.valueOf(call.id()));
            return price == null
                    ? problem(HttpStatus.NOT_FOUND, "not-found", "Product " + call.id() + " not found")
                            .to(call)
                    : product(price).to(call);
        };
    }

    // inventory-service

    /** ReservationController: the reservation, in this status. */
    static Answer reservation(String status) {
        return call -> json(HttpStatus.OK, reservation(call, status));
    }

    /** StockLedger's refusal, for a reservation and for the commit of an expired one whose stock is gone. */
    static Answer insufficientStock(long productId) {
        return problem(
                HttpStatus.CONFLICT,
                "insufficient-stock",
                "Not enough stock of product " + productId + " to cover the reservation",
                Map.of("productId", productId));
    }

    // payment-service

    /** InternalPaymentController: the order's payment, in this status. */
    static Answer payment(PaymentClient.Status status, String declineCode, String failureReason) {
        return call -> json(
                HttpStatus.OK,
                new PaymentView(
                        UUID.randomUUID(),
                        call.id(),
                        status.name(),
                        call.body().path("amountCents").isMissingNode()
                                ? null
                                : call.body().path("amountCents").asLong(),
                        call.body().path("currency").asString("EUR"),
                        1,
                        declineCode,
                        failureReason));
    }

    static Answer captured() {
        return payment(PaymentClient.Status.CAPTURED, null, null);
    }

    static Answer declined(String declineCode) {
        return payment(PaymentClient.Status.DECLINED, declineCode, null);
    }

    /** The provider failed the charge: payment-service's reason is for the logs. */
    static Answer failedAtProvider(String failureReason) {
        return payment(PaymentClient.Status.FAILED, null, failureReason);
    }

    /** A cancel while the provider's answer is still unknown. */
    static Answer stillPendingAtProvider() {
        return call -> problem(
                        HttpStatus.CONFLICT,
                        "payment-pending",
                        "The payment of order " + call.id() + " is still pending at the provider; ask again later")
                .to(call);
    }

    // failures of any service

    /** ProblemDetailsAdvice's answer to what nobody anticipated; the detail as a test wants it. */
    static Answer serverError(String detail) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", detail);
    }

    static Answer serverError() {
        return serverError("An unexpected error occurred");
    }

    /** The connection closes before any answer: an I/O error, as from a service that went away. */
    static Answer dropConnection() {
        return call -> new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build();
    }

    /** No answer ever: the caller's read timeout decides. */
    static Answer noAnswer() {
        return call -> new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build();
    }

    static Answer problem(HttpStatus status, String kind, String detail) {
        return problem(status, kind, detail, Map.of());
    }

    private static Answer problem(HttpStatus status, String kind, String detail, Map<String, Object> properties) {
        return call -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "https://odd-shop.dev/problems/" + kind);
            body.put("title", status.getReasonPhrase());
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", call.path());
            body.putAll(properties);
            return response(status, "application/problem+json", body);
        };
    }

    private static MockResponse json(HttpStatus status, Object body) {
        return response(status, "application/json", body);
    }

    private static MockResponse response(HttpStatus status, String contentType, Object body) {
        return new MockResponse.Builder()
                .code(status.value())
                .addHeader("Content-Type", contentType)
                .body(JSON.writeValueAsString(body))
                .build();
    }

    private static ReservationView reservation(Call call, String status) {
        List<ReservationView.Item> items = call.body()
                .path("items")
                .valueStream()
                .map(item -> new ReservationView.Item(
                        item.path("productId").asLong(), item.path("quantity").asInt()))
                .toList();
        return new ReservationView(call.id(), status, Instant.now().plusSeconds(900), items);
    }

    /** The bodies as the services write them (their views), for the fields order-service reads and more. */
    private record ProductView(
            long id, String sku, String name, String category, String description, long priceCents, String currency) {}

    private record ReservationView(String orderId, String status, Instant expiresAt, List<Item> items) {

        record Item(long productId, int quantity) {}
    }

    private record PaymentView(
            UUID paymentId,
            String orderId,
            String status,
            Long amountCents,
            String currency,
            int attempts,
            String declineCode,
            String failureReason) {}

    /** Answers each request by its endpoint, remembering it first. */
    private final class Routes extends Dispatcher {

        private final Service service;

        Routes(Service service) {
            this.service = service;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getUrl().encodedPath();
            JsonNode body = (request.getBody() == null || request.getBody().size() == 0)
                    ? MissingNode.getInstance()
                    : JSON.readTree(request.getBody().utf8());
            for (Endpoint endpoint : Endpoint.values()) {
                String id =
                        (endpoint.service() == this.service) ? endpoint.match(request.getMethod(), path, body) : null;
                if (id != null) {
                    Call call = new Call(endpoint, id, path, body);
                    StubServices.this.calls.add(call);
                    return StubServices.this
                            .answers
                            .getOrDefault(endpoint, normally(endpoint))
                            .to(call);
                }
            }
            StubServices.this.unexpected.add(this.service + ": " + request.getMethod() + " " + path);
            return new MockResponse.Builder().code(404).build();
        }
    }
}
