package dev.oddshop.load;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;

import io.gatling.javaapi.core.FeederBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The live catalogue, read through the public API when a simulation starts, so feeders follow
 * whatever the platform sells instead of a CSV that drifts from it.
 */
final class Catalogue {

    /** The API's largest page. */
    private static final int FETCH_SIZE = 100;

    /** The page size the browse journey asks for, as a shop front would. */
    static final int PAGE_SIZE = 20;

    record Product(long id, String name, String category) {}

    private final List<Product> products;

    private Catalogue(List<Product> products) {
        if (products.isEmpty()) {
            throw new IllegalStateException("The catalogue is empty: nothing to browse or buy");
        }
        this.products = List.copyOf(products);
    }

    static Catalogue fetch(LiveShop shop) {
        List<Product> products = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int page = 0; (long) page * FETCH_SIZE < total; page++) {
            JsonNode reply = shop.get("/api/catalog/products?size=" + FETCH_SIZE + "&page=" + page);
            total = reply.path("total").asLong();
            for (JsonNode item : reply.path("items")) {
                products.add(new Product(
                        item.path("id").asLong(),
                        item.path("name").asString(),
                        item.path("category").asString()));
            }
        }
        return new Catalogue(products);
    }

    /** The first products by id: a stable choice of hot products for a flash sale. */
    List<Long> firstIds(int count) {
        return this.products.stream().map(Product::id).sorted().limit(count).toList();
    }

    /** Records with {@code productId}. */
    FeederBuilder<Object> products() {
        return listFeeder(this.products.stream()
                        .map(p -> Map.<String, Object>of("productId", p.id()))
                        .toList())
                .random();
    }

    /** Records with {@code category} and {@code categoryPages}, the number of pages it fills. */
    FeederBuilder<Object> categories() {
        Map<String, Integer> sizes = new TreeMap<>();
        this.products.forEach(p -> sizes.merge(p.category(), 1, Integer::sum));
        return listFeeder(sizes.entrySet().stream()
                        .map(e -> Map.<String, Object>of(
                                "category", e.getKey(), "categoryPages", (e.getValue() + PAGE_SIZE - 1) / PAGE_SIZE))
                        .toList())
                .random();
    }

    /** Records with {@code term}: the words of the product names, as customers type them. */
    FeederBuilder<Object> searchTerms() {
        TreeSet<String> terms = new TreeSet<>();
        for (Product product : this.products) {
            for (String word : product.name().toLowerCase().split("[^a-z0-9-]+")) {
                if (word.length() >= 4) {
                    terms.add(word);
                }
            }
        }
        return listFeeder(terms.stream()
                        .map(t -> Map.<String, Object>of("term", t))
                        .toList())
                .random();
    }
}
