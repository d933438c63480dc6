package dev.oddshop.order.cart;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A line of a cart, with the price the customer saw when adding it. */
@Embeddable
public class CartItem {

    @Column(name = "product_id")
    private long productId;

    private int quantity;

    @Column(name = "unit_price_cents")
    private long unitPriceCents;

    private String currency;

    protected CartItem() {}

    CartItem(long productId, int quantity, long unitPriceCents, String currency) {
        this.productId = productId;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
        this.currency = currency;
    }

    public long productId() {
        return this.productId;
    }

    public int quantity() {
        return this.quantity;
    }

    public long unitPriceCents() {
        return this.unitPriceCents;
    }

    public String currency() {
        return this.currency;
    }

    void add(int more, long currentPriceCents) {
        this.quantity += more;
        this.unitPriceCents = currentPriceCents;
    }
}
