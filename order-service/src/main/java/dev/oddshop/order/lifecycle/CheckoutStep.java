package dev.oddshop.order.lifecycle;

/**
 * How far the checkout saga of a PENDING order got; tells the reconciler what is left to do
 * or to undo.
 */
public enum CheckoutStep {

    /** The order exists; stock may or may not be reserved. */
    STARTED,
    /** Stock is reserved; the charge may or may not have been sent. */
    STOCK_RESERVED,
    /** The charge was sent and its outcome is unknown (timeout): ask, never charge again. */
    PAYMENT_UNKNOWN,
    /** Paid; the reservation still has to be committed. */
    PAYMENT_CAPTURED,
    /** Paid, but the stock is gone (its reservation expired): the payment has to be refunded. */
    REFUND_DUE,
    /** Final. */
    DONE
}
