package dev.oddshop.order.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

    private final Order order = new Order(
            "alice", UUID.randomUUID(), null, List.of(new OrderItem(1, 2, 1_000), new OrderItem(2, 1, 550)), "EUR");

    @Test
    void totalsItsItemsAndStartsPending() {
        assertThat(this.order.totalCents()).isEqualTo(2_550);
        assertThat(this.order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(this.order.step()).isEqualTo(CheckoutStep.STARTED);
    }

    @Test
    void recordsEveryStepOfAConfirmedCheckout() {
        this.order.stockReserved();
        this.order.paymentCaptured();
        this.order.confirm();
        assertThat(this.order.history())
                .extracting(OrderStatusChange::step)
                .containsExactly(
                        CheckoutStep.STARTED,
                        CheckoutStep.STOCK_RESERVED,
                        CheckoutStep.PAYMENT_CAPTURED,
                        CheckoutStep.DONE);
        assertThat(this.order.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void aFinalOrderNeverChangesAgain() {
        this.order.fail(FailureCause.CUSTOMER, "payment declined: card_declined");
        assertThat(this.order.failureReason()).isEqualTo("payment declined: card_declined");
        assertThatIllegalStateException().isThrownBy(this.order::confirm);
        assertThatIllegalStateException().isThrownBy(() -> this.order.fail(FailureCause.CUSTOMER, "again"));
        assertThat(this.order.status()).isEqualTo(OrderStatus.FAILED);
    }

    @Test
    void keepsFailureReasonsWithinTheColumn() {
        this.order.fail(FailureCause.CUSTOMER, "x".repeat(1_000));
        assertThat(this.order.failureReason()).hasSize(300);
    }
}
