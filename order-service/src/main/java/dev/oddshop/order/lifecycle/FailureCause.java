package dev.oddshop.order.lifecycle;

/**
 * Who an order's failure is down to: the checkout-success SLO counts only the shop's own
 * failures against its budget (docs/ARCHITECTURE.md, "Checkout outcomes").
 */
public enum FailureCause {

    /** The customer's side: a declined or expired card, insufficient funds, sold out, bad input. */
    CUSTOMER,
    /** The shop's side: a dependency's error or timeout, a compensation, a reservation that expired. */
    INTERNAL
}
