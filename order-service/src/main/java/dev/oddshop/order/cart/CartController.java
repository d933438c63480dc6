package dev.oddshop.order.cart;

import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "carts", description = "The customer's carts")
@RestController
@RequestMapping("/api/orders/carts")
class CartController {

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    record NewCart(UUID cartId) {}

    record AddItem(
            @NotNull @Positive Long productId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}

    @Operation(summary = "Open a cart")
    @ApiResponse(responseCode = "201", description = "The new cart's id; Location names it")
    @PostMapping
    ResponseEntity<NewCart> create(CustomerId customer) {
        CartView cart = this.carts.create(customer);
        return ResponseEntity.created(URI.create("/api/orders/carts/" + cart.cartId()))
                .body(new NewCart(cart.cartId()));
    }

    @Operation(summary = "Read a cart", description = "Its items with their prices and the total")
    @GetMapping("/{cartId}")
    CartView get(CustomerId customer, @PathVariable UUID cartId) {
        return CartView.of(this.carts.find(customer, cartId));
    }

    @Operation(summary = "Add a product to a cart", description = "Adds the quantity to what the cart holds of it")
    @ApiResponse(responseCode = "200", description = "The cart as it is now")
    @ApiResponse(
            responseCode = "409",
            description = "The cart is full (50 products), checked out, or the product is unavailable")
    @PostMapping("/{cartId}/items")
    CartView add(CustomerId customer, @PathVariable UUID cartId, @Valid @RequestBody AddItem item) {
        return this.carts.add(customer, cartId, item.productId(), item.quantity());
    }

    @Operation(summary = "Remove a product from a cart")
    @ApiResponse(responseCode = "200", description = "The cart as it is now")
    @ApiResponse(responseCode = "409", description = "The cart is checked out already")
    @DeleteMapping("/{cartId}/items/{productId}")
    CartView remove(CustomerId customer, @PathVariable UUID cartId, @PathVariable @Positive long productId) {
        return this.carts.remove(customer, cartId, productId);
    }
}
