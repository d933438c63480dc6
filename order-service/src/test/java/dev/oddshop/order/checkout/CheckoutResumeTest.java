package dev.oddshop.order.checkout;

import static dev.oddshop.order.checkout.StubServices.Endpoint.CANCEL;
import static dev.oddshop.order.checkout.StubServices.Endpoint.CHARGE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.COMMIT;
import static dev.oddshop.order.checkout.StubServices.Endpoint.PAYMENT_STATUS;
import static dev.oddshop.order.checkout.StubServices.Endpoint.REFUND;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RELEASE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RESERVE;
import static dev.oddshop.order.checkout.StubServices.Service.INVENTORY;
import static dev.oddshop.order.checkout.StubServices.Service.PAYMENT;
import static dev.oddshop.order.checkout.StubServices.captured;
import static dev.oddshop.order.checkout.StubServices.declined;
import static dev.oddshop.order.checkout.StubServices.insufficientStock;
import static dev.oddshop.order.checkout.StubServices.noAnswer;
import static dev.oddshop.order.checkout.StubServices.payment;
import static dev.oddshop.order.checkout.StubServices.problem;
import static dev.oddshop.order.checkout.StubServices.reservation;
import static dev.oddshop.order.checkout.StubServices.serverError;
import static dev.oddshop.order.checkout.StubServices.stillPendingAtProvider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.order.lifecycle.CheckoutStep;
import dev.oddshop.order.lifecycle.OrderStatus;
import dev.oddshop.order.lifecycle.OrderView;
import dev.oddshop.order.remote.PaymentClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Orders a checkout left PENDING, settled by the reconciler (OrderReconciler, then
 * CheckoutSaga.resume): it asks payment-service what became of the charge and never charges
 * again, commits what was paid, releases what was not.
 */
class CheckoutResumeTest extends CheckoutTestSupport {

    @Test
    void aChargeThatTimedOutButWasCapturedIsCommittedAndConfirmed() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, noAnswer());
        Reply reply = checkout(cart);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        stubs.answer(PAYMENT_STATUS, captured());
        double confirmed = checkouts("confirmed", "none");

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(settled.history())
                .extracting(OrderView.Change::step)
                .containsExactly(
                        CheckoutStep.STARTED,
                        CheckoutStep.STOCK_RESERVED,
                        CheckoutStep.PAYMENT_UNKNOWN,
                        CheckoutStep.PAYMENT_CAPTURED,
                        CheckoutStep.DONE);
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE, PAYMENT_STATUS);
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, COMMIT);
        assertThat(cartStatus(cart)).isEqualTo("CHECKED_OUT");
        assertThat(checkouts("confirmed", "none")).isEqualTo(confirmed + 1);
    }

    @Test
    void aChargeDeclinedMeanwhileReleasesTheStockAndFailsTheOrder() {
        UUID order = pendingWithPaymentUnknown();
        stubs.answer(PAYMENT_STATUS, declined("expired_card"));
        double failed = checkouts("failed", "customer");

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "CUSTOMER", "payment declined: expired_card"));
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE, PAYMENT_STATUS);
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, RELEASE);
        assertThat(checkouts("failed", "customer")).isEqualTo(failed + 1);
    }

    @Test
    void aChargeThatNeverArrivedIsCancelledThenTheStockReleasedAndTheOrderFailed() {
        UUID order = pendingWithPaymentUnknown();
        // payment-service has no payment of the order (404), and its cancel leaves a tombstone
        double failed = checkouts("failed", "internal");

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(row(order))
                .isEqualTo(new OrderRow(
                        "FAILED", "DONE", "INTERNAL", "the payment could not be completed; nothing was charged"));
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE, PAYMENT_STATUS, CANCEL);
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, RELEASE);
        assertThat(checkouts("failed", "internal")).isEqualTo(failed + 1);
    }

    @Test
    void aChargeStillPendingAtTheProviderKeepsTheOrderForALaterRound() {
        UUID order = pendingWithPaymentUnknown();
        stubs.answer(CANCEL, stillPendingAtProvider());

        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(row(order).step()).isEqualTo("PAYMENT_UNKNOWN");
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE);

        stubs.answer(PAYMENT_STATUS, captured());
        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stubs.calls(CHARGE, order)).hasSize(1);
    }

    @Test
    void aRoundThatCannotReachPaymentServiceLeavesTheOrderForTheNext() {
        UUID order = pendingWithPaymentUnknown();
        stubs.answer(PAYMENT_STATUS, serverError());

        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.PENDING);
        // a status look-up is idempotent: retried before the round gives up on this order
        assertThat(stubs.calls(PAYMENT_STATUS, order)).hasSize(3);
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE);

        stubs.answer(PAYMENT_STATUS, captured());
        assertThat(reconcile(order).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stubs.calls(CHARGE, order)).hasSize(1);
    }

    @Test
    void aCommitThatFailedAfterPaymentIsCommittedByALaterRound() {
        UUID cart = cartWith(7, 1);
        stubs.answer(COMMIT, serverError());
        Reply reply = checkout(cart);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "PAYMENT_CAPTURED", null, null));
        assertThat(stubs.calls(COMMIT, order)).hasSize(3);
        stubs.answer(COMMIT, reservation("COMMITTED"));
        double confirmed = checkouts("confirmed", "none");

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.CONFIRMED);
        // paid is paid: payment-service is not asked again
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        assertThat(stubs.calls(COMMIT, order)).hasSize(4);
        assertThat(cartStatus(cart)).isEqualTo("CHECKED_OUT");
        assertThat(checkouts("confirmed", "none")).isEqualTo(confirmed + 1);
    }

    @Test
    void aRefundThatFailedIsAskedForAgainByALaterRound() {
        UUID cart = cartWith(7, 1);
        stubs.answer(COMMIT, insufficientStock(7));
        stubs.answer(REFUND, problem(HttpStatus.SERVICE_UNAVAILABLE, "provider-unavailable", "the provider is down"));
        Reply reply = checkout(cart);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "REFUND_DUE", null, null));
        int refundsAsked = stubs.calls(REFUND, order).size();
        stubs.answer(REFUND, payment(PaymentClient.Status.REFUNDED, null, null));
        double failed = checkouts("failed", "internal");

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "INTERNAL", CheckoutSaga.SOLD_OUT_REFUNDED));
        // never charged again, never committed again: only the refund is asked for again (payment-service
        // refunds under one idempotency key per order, so asking twice never refunds twice)
        assertThat(stubs.calls(CHARGE, order)).hasSize(1);
        assertThat(stubs.calls(COMMIT, order)).hasSize(1);
        assertThat(stubs.calls(REFUND, order)).hasSizeGreaterThan(refundsAsked);
        assertThat(checkouts("failed", "internal")).isEqualTo(failed + 1);
    }

    @Test
    void aReleaseThatFailedAfterADeclineIsReleasedByALaterRound() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, declined("insufficient_funds"));
        stubs.answer(RELEASE, serverError());
        Reply reply = checkout(cart);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "STOCK_RESERVED", null, null));
        assertThat(stubs.calls(RELEASE, order)).hasSize(3);
        stubs.answer(RELEASE, reservation("RELEASED"));
        stubs.answer(PAYMENT_STATUS, declined("insufficient_funds"));

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(row(order))
                .isEqualTo(new OrderRow("FAILED", "DONE", "CUSTOMER", "payment declined: insufficient_funds"));
        assertThat(stubs.calls(RELEASE, order)).hasSize(4);
        assertThat(stubs.calls(CHARGE, order)).hasSize(1);
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
    }

    @Test
    void aReservationErrorWhoseReleaseFailedTooIsSettledWithoutACharge() {
        UUID cart = cartWith(7, 1);
        stubs.answer(RESERVE, serverError());
        stubs.answer(RELEASE, serverError());
        Reply reply = checkout(cart);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "STARTED", null, null));
        stubs.answer(RELEASE, reservation("RELEASED"));

        OrderView settled = reconcile(order);

        assertThat(settled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(row(order))
                .isEqualTo(new OrderRow(
                        "FAILED", "DONE", "INTERNAL", "the payment could not be completed; nothing was charged"));
        // never charged: the reconciler makes sure no charge can come late (cancel), then releases
        assertThat(stubs.called(PAYMENT, order)).containsExactly(PAYMENT_STATUS, CANCEL);
        assertThat(stubs.calls(RELEASE, order)).hasSize(4);
    }

    /**
     * An order whose charge payment-service answered with a 500: charged or not, nobody knows, as
     * after a timeout (CheckoutSagaTest shows each way of not knowing ends here alike).
     */
    private UUID pendingWithPaymentUnknown() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, serverError());
        Reply reply = checkout(cart);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order).step()).isEqualTo("PAYMENT_UNKNOWN");
        return order;
    }
}
