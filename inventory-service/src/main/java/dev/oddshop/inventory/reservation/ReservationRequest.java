package dev.oddshop.inventory.reservation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an order wants held. Boxed numbers so a missing field fails validation instead of
 * defaulting to 0.
 *
 * @param items the products and quantities, each product once
 * @param ttlSeconds how long to hold the stock; the configured TTL when absent
 */
public record ReservationRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @Min(1) @Max(3600) Integer ttlSeconds) {

    public record Item(
            @NotNull @Positive Long productId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}

    /** A repeated product would be ambiguous (add up or replace?), so it is refused. */
    @AssertTrue(message = "items must name each product only once")
    public boolean isEachProductOnce() {
        if (this.items == null) {
            return true;
        }
        Set<Long> seen = new HashSet<>();
        return this.items.stream()
                .filter(Objects::nonNull)
                .map(Item::productId)
                .filter(Objects::nonNull)
                .allMatch(seen::add);
    }

    /** Quantities by product in ascending order, the order stock rows are locked in. */
    SortedMap<Long, Integer> quantities() {
        SortedMap<Long, Integer> quantities = new TreeMap<>();
        this.items.forEach(item -> quantities.put(item.productId(), item.quantity()));
        return quantities;
    }
}
