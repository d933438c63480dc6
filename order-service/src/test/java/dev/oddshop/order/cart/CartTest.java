package dev.oddshop.order.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddshop.platform.web.ApiException;
import org.junit.jupiter.api.Test;

class CartTest {

    private final Cart cart = new Cart("alice");

    @Test
    void addingTheSameProductAddsUpAndTakesTheCurrentPrice() {
        this.cart.add(7, 2, 1_000, "EUR");
        this.cart.add(7, 3, 900, "EUR");
        assertThat(this.cart.items()).singleElement().satisfies(item -> {
            assertThat(item.quantity()).isEqualTo(5);
            assertThat(item.unitPriceCents()).isEqualTo(900);
        });
    }

    @Test
    void refusesMoreThanOneHundredOfAProduct() {
        this.cart.add(7, 60, 1_000, "EUR");
        assertThatThrownBy(() -> this.cart.add(7, 41, 1_000, "EUR"))
                .isInstanceOfSatisfying(
                        ApiException.class, ex -> assertThat(ex.kind()).isEqualTo("quantity-limit"));
        assertThat(this.cart.items().getFirst().quantity()).isEqualTo(60);
    }

    @Test
    void refusesMoreThanFiftyProducts() {
        for (long id = 1; id <= Cart.MAX_LINES; id++) {
            this.cart.add(id, 1, 100, "EUR");
        }
        assertThatThrownBy(() -> this.cart.add(99, 1, 100, "EUR"))
                .isInstanceOfSatisfying(
                        ApiException.class, ex -> assertThat(ex.kind()).isEqualTo("cart-full"));
    }

    @Test
    void removingAProductThatIsNotThereChangesNothing() {
        this.cart.add(7, 1, 100, "EUR");
        this.cart.remove(8);
        assertThat(this.cart.items()).hasSize(1);
    }
}
