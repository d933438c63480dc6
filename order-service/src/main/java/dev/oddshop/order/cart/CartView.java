package dev.oddshop.order.cart;

import java.util.List;
import java.util.UUID;

/** A cart as the API shows it. */
public record CartView(UUID cartId, CartStatus status, List<Line> items, long totalCents, String currency) {

    public record Line(long productId, int quantity, long unitPriceCents) {}

    static CartView of(Cart cart) {
        List<Line> lines = cart.items().stream()
                .map(i -> new Line(i.productId(), i.quantity(), i.unitPriceCents()))
                .toList();
        long total = cart.items().stream()
                .mapToLong(i -> i.unitPriceCents() * i.quantity())
                .sum();
        String currency =
                cart.items().isEmpty() ? "EUR" : cart.items().getFirst().currency();
        return new CartView(cart.id(), cart.status(), lines, total, currency);
    }
}
