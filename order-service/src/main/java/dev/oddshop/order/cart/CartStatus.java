package dev.oddshop.order.cart;

/** OPEN carts change; a checkout claims the cart so that it is not checked out twice at once. */
public enum CartStatus {
    OPEN,
    CHECKING_OUT,
    CHECKED_OUT
}
