package dev.oddshop.payment;

import dev.oddshop.platform.telemetry.BusinessAttribute;

/** What payment-service's spans and log lines can be found by (docs/CONVENTIONS.md). */
public final class PaymentAttributes {

    /** The order a payment is for: the id that joins a payment to order-service's telemetry. */
    public static final BusinessAttribute ORDER_ID = new BusinessAttribute("shop.order.id", "order_id");

    public static final BusinessAttribute PAYMENT_ID = new BusinessAttribute("shop.payment.id", "payment_id");

    public static final BusinessAttribute PAYMENT_STATUS =
            new BusinessAttribute("shop.payment.status", "payment_status");

    public static final BusinessAttribute PROVIDER_RESULT =
            new BusinessAttribute("shop.payment.provider_result", "provider_result");

    private PaymentAttributes() {}
}
