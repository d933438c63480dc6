package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The gateway's hop cost: the same product page through the gateway (shop.baseUrl) and straight
 * from catalog-service (shop.directUrl, which serves the public API on the same path), at the same
 * modest rate at the same time, so both see the same machine; p50/p95 printed side by side. Both
 * routes read anonymously, without a session (the product page is public, and a session would add
 * a request per virtual user to the gateway's route alone), so the gateway's shop.rate requests
 * per second all come from one address and must stay under its per-address rate limit.
 */
public class GatewayHopSimulation extends Simulation {

    private static final String GATEWAY = "via gateway";

    private static final String DIRECT = "direct to catalog-service";

    private final LatencySamples<String> pages = new LatencySamples<>();

    public GatewayHopSimulation() {
        String gateway = LoadProperties.baseUrl();
        String direct = LoadProperties.text("shop.directUrl", "http://localhost:8081");
        FeederBuilder<Object> products = Catalogue.fetch(new LiveShop(gateway)).products();
        OpenLoad load = OpenLoad.fromProperties(10, 5, 30);
        setUp(
                productPage(GATEWAY, products).injectOpen(load.injection()).protocols(ShopJourneys.protocol(gateway)),
                productPage(DIRECT, products).injectOpen(load.injection()).protocols(ShopJourneys.protocol(direct)));
    }

    private ScenarioBuilder productPage(String route, FeederBuilder<Object> products) {
        return scenario("product page " + route)
                .feed(products)
                .exec(http("product page " + route)
                        .get("/api/catalog/products/#{productId}")
                        .check(responseTimeInMillis().saveAs("millis"))
                        .check(status().is(200)))
                .exec(session -> {
                    if (session.contains("millis")) {
                        this.pages.record(route, session.getInt("millis"), !session.isFailed());
                    }
                    return session;
                });
    }

    @Override
    public void after() {
        LatencySamples.Summary viaGateway = this.pages.summary(GATEWAY);
        LatencySamples.Summary direct = this.pages.summary(DIRECT);
        System.out.println("Gateway hop cost (GET /api/catalog/products/{id}):");
        System.out.println("                              requests  failed %  p50 ms  p95 ms");
        printRow(GATEWAY, viaGateway);
        printRow(DIRECT, direct);
        System.out.printf(
                "  hop cost                                          %+6d  %+6d%n",
                viaGateway.p50Millis() - direct.p50Millis(), viaGateway.p95Millis() - direct.p95Millis());
    }

    private static void printRow(String route, LatencySamples.Summary s) {
        System.out.printf(
                "  %-26s  %8d  %8.1f  %6d  %6d%n", route, s.count(), s.failedPercent(), s.p50Millis(), s.p95Millis());
    }
}
