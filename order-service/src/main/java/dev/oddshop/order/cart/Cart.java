package dev.oddshop.order.cart;

import dev.oddshop.platform.web.ApiException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A customer's cart. Only an OPEN cart changes. */
@Entity
@Table(name = "cart")
public class Cart {

    static final int MAX_LINES = 50;

    static final int MAX_QUANTITY = 100;

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private String customerId;

    @Enumerated(EnumType.STRING)
    private CartStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cart_item", joinColumns = @JoinColumn(name = "cart_id"))
    private List<CartItem> items = new ArrayList<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Cart() {}

    Cart(String customerId) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.status = CartStatus.OPEN;
        this.createdAt = Instant.now();
        this.updatedAt = this.createdAt;
    }

    public UUID id() {
        return this.id;
    }

    public String customerId() {
        return this.customerId;
    }

    public CartStatus status() {
        return this.status;
    }

    public List<CartItem> items() {
        return List.copyOf(this.items);
    }

    void add(long productId, int quantity, long unitPriceCents, String currency) {
        requireOpen();
        CartItem existing = this.items.stream()
                .filter(i -> i.productId() == productId)
                .findFirst()
                .orElse(null);
        int total = quantity + (existing == null ? 0 : existing.quantity());
        if (total > MAX_QUANTITY) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "quantity-limit",
                    "At most " + MAX_QUANTITY + " of one product per cart; this would make " + total);
        }
        if (existing != null) {
            existing.add(quantity, unitPriceCents);
        } else if (this.items.size() >= MAX_LINES) {
            throw ApiException.conflict("cart-full", "A cart holds at most " + MAX_LINES + " products");
        } else {
            this.items.add(new CartItem(productId, quantity, unitPriceCents, currency));
        }
        this.updatedAt = Instant.now();
    }

    void remove(long productId) {
        requireOpen();
        this.items.removeIf(i -> i.productId() == productId);
        this.updatedAt = Instant.now();
    }

    private void requireOpen() {
        if (this.status != CartStatus.OPEN) {
            throw ApiException.conflict(
                    "cart-checked-out", "Cart " + this.id + " is " + this.status + " and cannot change");
        }
    }
}
