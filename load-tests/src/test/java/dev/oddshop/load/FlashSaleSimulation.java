package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * A flash sale: a few hot products get a small stock through the inventory admin API, then buyers
 * arrive ever faster, each a customer with a session of their own buying one of them. Most are
 * told "sold out" (409 insufficient-stock, a valid answer, not a failure); what must hold is that
 * no more is sold than the stock.
 */
public class FlashSaleSimulation extends Simulation {

    private final LiveShop shop = new LiveShop(LoadProperties.baseUrl());

    private final int stock = LoadProperties.integer("shop.hotStock", 20);

    private final List<Long> hotProducts;

    /** Orders this run got CONFIRMED, by hot product. */
    private final Map<Long, LongAdder> sold = new ConcurrentHashMap<>();

    public FlashSaleSimulation() {
        this.hotProducts = Catalogue.fetch(this.shop).firstIds(LoadProperties.integer("shop.hotProducts", 3));
        this.hotProducts.forEach(id -> this.sold.put(id, new LongAdder()));
        FeederBuilder<Object> hot = listFeeder(this.hotProducts.stream()
                        .map(id -> Map.<String, Object>of("productId", id))
                        .toList())
                .random();
        setUp(scenario("flash sale")
                        .exec(ShopJourneys.openSession(), ShopJourneys.fillCart(hot, 1), ShopJourneys.checkout())
                        .exec(session -> {
                            if (session.contains("orderId")) {
                                this.sold.get(session.getLong("productId")).increment();
                            }
                            return session;
                        })
                        .injectOpen(OpenLoad.fromProperties(30, 20, 20).injection()))
                .protocols(ShopJourneys.customerProtocol(LoadProperties.baseUrl()))
                .assertions(Baseline.assertions(1000));
    }

    @Override
    public void before() {
        for (long id : this.hotProducts) {
            this.shop.putAsAdmin("/api/inventory/stock/" + id, Map.of("available", this.stock));
        }
        System.out.printf("Flash sale: products %s at stock %d each%n", this.hotProducts, this.stock);
    }

    @Override
    public void after() {
        System.out.println("Flash sale outcome:");
        System.out.println("  product  stock set  sold (CONFIRMED)  available  reserved  oversold");
        for (long id : this.hotProducts) {
            JsonNode now = this.shop.get("/api/inventory/stock/" + id);
            long sold = this.sold.get(id).sum();
            System.out.printf(
                    "  %7d  %9d  %16d  %9d  %8d  %s%n",
                    id,
                    this.stock,
                    sold,
                    now.path("available").asLong(),
                    now.path("reserved").asLong(),
                    sold > this.stock ? "YES" : "no");
        }
    }
}
