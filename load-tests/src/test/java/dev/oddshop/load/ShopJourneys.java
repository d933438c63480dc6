package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The customer journeys of API.md as Gatling chains, shared by every simulation. A virtual user is
 * a customer of their own: it opens an anonymous session first ({@link #openSession()}) and
 * {@link #customerProtocol(String)} sends its token as a bearer on every request after that.
 */
final class ShopJourneys {

    private static final String INSUFFICIENT_STOCK = "https://odd-shop.dev/problems/insufficient-stock";

    /** What every request says about its client, the session's opening included. */
    private static final Map<String, String> CLIENT_HEADERS =
            Map.of("Accept", "application/json", "User-Agent", "odd-shop-load-tests");

    private final FeederBuilder<Object> products;

    private final FeederBuilder<Object> categories;

    private final FeederBuilder<Object> searchTerms;

    ShopJourneys(Catalogue catalogue) {
        this.products = catalogue.products();
        this.categories = catalogue.categories();
        this.searchTerms = catalogue.searchTerms();
    }

    /** Journeys over the catalogue that shop.baseUrl serves right now. */
    static ShopJourneys ofLiveCatalogue() {
        return new ShopJourneys(Catalogue.fetch(new LiveShop(LoadProperties.baseUrl())));
    }

    /** Anonymous visitors, without a session: public reads only (catalogue and stock). */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl)
                .headers(CLIENT_HEADERS)
                // Gatling's default warm-up calls a host on the internet; warm up on the shop itself
                .warmUp(baseUrl + "/api/catalog/products?size=1");
    }

    /**
     * Customers: every request after {@link #openSession()} carries the virtual user's session
     * token, so the gateway knows (and rate-limits) each virtual user as a customer of their own.
     * A scenario on it starts with {@link #openSession()}: before that the token does not resolve.
     */
    static HttpProtocolBuilder customerProtocol(String baseUrl) {
        return protocol(baseUrl).authorizationHeader("Bearer #{sessionToken}");
    }

    /**
     * The virtual user's own anonymous customer session, opened once before its journey; the
     * token lands in {@code sessionToken} (the customer id is the gateway's business).
     */
    static ChainBuilder openSession() {
        return exec(http("open session")
                .post("/api/session")
                // there is no token to send yet: the protocol's bearer header would not resolve
                .ignoreProtocolHeaders()
                .headers(CLIENT_HEADERS)
                .check(status().is(201), jsonPath("$.token").saveAs("sessionToken")));
    }

    /** A customer's pause between two pages. */
    static ChainBuilder think() {
        return pause(Duration.ofMillis(200), Duration.ofMillis(1000));
    }

    /** A category page, a search, then two product pages with their stock. */
    ChainBuilder browse() {
        return feed(this.categories)
                .exec(session ->
                        session.set("page", ThreadLocalRandom.current().nextInt(session.getInt("categoryPages"))))
                .exec(http("catalogue page")
                        .get("/api/catalog/products")
                        .queryParam("category", "#{category}")
                        .queryParam("page", "#{page}")
                        .queryParam("size", Catalogue.PAGE_SIZE)
                        .check(status().is(200)))
                .exec(think())
                .feed(this.searchTerms)
                .exec(http("search")
                        .get("/api/catalog/products")
                        .queryParam("q", "#{term}")
                        .queryParam("size", Catalogue.PAGE_SIZE)
                        .check(status().is(200)))
                .exec(think())
                .repeat(2)
                .on(feed(this.products)
                        .exec(http("product page")
                                .get("/api/catalog/products/#{productId}")
                                .check(status().is(200)))
                        .exec(http("product stock")
                                .get("/api/inventory/stock/#{productId}")
                                .check(status().is(200)))
                        .exec(think()));
    }

    /** A new cart with 1 to maxItems products of the catalogue. */
    ChainBuilder fillCart(int maxItems) {
        return fillCart(this.products, maxItems);
    }

    /** A new cart for the session's customer with 1 to maxItems lines of quantity 1 from the feeder. */
    static ChainBuilder fillCart(FeederBuilder<Object> products, int maxItems) {
        return exec(http("open cart")
                        .post("/api/orders/carts")
                        .check(status().is(201), jsonPath("$.cartId").saveAs("cartId")))
                .repeat(session -> ThreadLocalRandom.current().nextInt(1, maxItems + 1))
                .on(feed(products)
                        .exec(http("add to cart")
                                .post("/api/orders/carts/#{cartId}/items")
                                .body(StringBody("{\"productId\": #{productId}, \"quantity\": 1}"))
                                .asJson()
                                .check(status().is(200))));
    }

    static ChainBuilder viewCart() {
        return exec(http("view cart").get("/api/orders/carts/#{cartId}").check(status().is(200)));
    }

    /**
     * Checks the cart out with an approving card. Sold out (409 insufficient-stock) is a valid
     * business answer, not a failure; a new order must be CONFIRMED (its id lands in
     * {@code orderId}). The response time lands in {@code checkoutMillis}.
     */
    static ChainBuilder checkout() {
        return exec(session -> session.set("idempotencyKey", UUID.randomUUID().toString()))
                .exec(http("checkout")
                        .post("/api/orders/carts/#{cartId}/checkout")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .body(StringBody("{\"paymentMethod\": {\"type\": \"card\", \"token\": \"tok_visa\"}}"))
                        .asJson()
                        // first, so the time is kept even when a later check fails
                        .check(responseTimeInMillis().saveAs("checkoutMillis"))
                        .check(status().in(200, 201, 409))
                        .checkIf((response, session) -> response.status().code() == 409)
                        .then(jsonPath("$.type").is(INSUFFICIENT_STOCK))
                        .checkIf((response, session) -> response.status().code() != 409)
                        .then(
                                jsonPath("$.status").is("CONFIRMED"),
                                jsonPath("$.orderId").saveAs("orderId")));
    }

    /** The order page, for a checkout that made an order. */
    static ChainBuilder viewOrder() {
        return doIf(session -> session.contains("orderId"))
                .then(exec(http("view order").get("/api/orders/#{orderId}").check(status().is(200))));
    }

    /** Browse, fill a cart with up to three products, check out, look at the order. */
    ChainBuilder purchase() {
        return exec(browse(), fillCart(3), think(), checkout(), viewOrder());
    }
}
