package dev.oddshop.order.cart;

import dev.oddshop.order.remote.CatalogClient;
import dev.oddshop.order.remote.CatalogClient.Price;
import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class CartService {

    private final CartRepository carts;

    private final CatalogClient catalog;

    private final TransactionTemplate transaction;

    CartService(CartRepository carts, CatalogClient catalog, TransactionTemplate transaction) {
        this.carts = carts;
        this.catalog = catalog;
        this.transaction = transaction;
    }

    CartView create(CustomerId customer) {
        return CartView.of(this.carts.save(new Cart(customer.value())));
    }

    /** The customer's cart; another customer's cart does not exist for them. */
    public Cart find(CustomerId customer, UUID cartId) {
        return this.carts
                .findById(cartId)
                .filter(cart -> cart.customerId().equals(customer.value()))
                .orElseThrow(() -> ApiException.notFound("Cart", cartId));
    }

    CartView add(CustomerId customer, UUID cartId, long productId, int quantity) {
        find(customer, cartId);
        // the price look-up is remote: keep it out of the transaction
        Price price = this.catalog
                .price(productId)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "not-found", "Product " + productId + " not found"));
        return this.transaction.execute(status -> {
            Cart cart = find(customer, cartId);
            cart.add(productId, quantity, price.priceCents(), price.currency());
            return CartView.of(this.carts.save(cart));
        });
    }

    CartView remove(CustomerId customer, UUID cartId, long productId) {
        return this.transaction.execute(status -> {
            Cart cart = find(customer, cartId);
            cart.remove(productId);
            return CartView.of(this.carts.save(cart));
        });
    }
}
