package dev.oddshop.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddshop.payment.charge.PaymentStatus;
import dev.oddshop.payment.charge.PaymentView;
import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultRequest;
import dev.oddshop.provider.charge.Ledger;
import dev.oddshop.provider.charge.Refund;
import io.micrometer.core.instrument.search.Search;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Refunds over real HTTP, on a real PostgreSQL, at a real provider simulator: the whole capture,
 * at most once, and only of a captured payment.
 */
class PaymentRefundTest extends SimulatedProviderTest {

    @Test
    void aCapturedPaymentIsRefundedOnceEvenWhenAskedTwice() {
        UUID order = UUID.randomUUID();
        PaymentView captured = this.payments.charge(order, "alice", 4599, "tok_visa");
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        Ledger before = provider.ledger();
        double refundedBefore = refunds("refunded");
        PaymentView refunded = this.payments.refund(order);
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.paymentId()).isEqualTo(captured.paymentId());
        assertThat(refunded.amountCents()).isEqualTo(4599);
        assertThat(this.payments.refund(order)).isEqualTo(refunded);
        assertThat(this.payments.get(order)).isEqualTo(refunded);
        Ledger after = provider.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(4599);
        assertThat(after.charges()).isEqualTo(before.charges());
        var row =
                this.jdbc.queryForMap("select provider_refund_id, refunded_at from payment where order_id = ?", order);
        assertThat((String) row.get("provider_refund_id")).startsWith("re_");
        assertThat(row.get("refunded_at")).isNotNull();
        assertThat(refunds("refunded") - refundedBefore).isEqualTo(1);
        assertThat(this.meters
                        .get("shop.payment.refund")
                        .tag("outcome", "refunded")
                        .timer()
                        .count())
                .isPositive();
        // refunded is final: a late charge or cancel answers the refunded payment and charges nothing
        assertThat(this.payments.charge(order, "alice", 4599, "tok_visa")).isEqualTo(refunded);
        assertThat(this.payments.cancel(order)).isEqualTo(refunded);
        assertThat(provider.ledger()).isEqualTo(after);
    }

    @Test
    void concurrentRefundsOfOnePaymentRefundOnce() {
        UUID order = UUID.randomUUID();
        this.payments.charge(order, "bob", 1000, "tok_mastercard");
        Ledger before = provider.ledger();
        double refundedBefore = refunds("refunded");
        List<PaymentView> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<CompletableFuture<PaymentView>> calls = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> this.payments.refund(order), pool))
                    .toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        }
        assertThat(answers).extracting(PaymentView::status).containsOnly(PaymentStatus.REFUNDED);
        Ledger after = provider.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(1000);
        assertThat(refunds("refunded") - refundedBefore).isEqualTo(1);
    }

    @Test
    void aRefundTheProviderMadeBeforeACrashIsNotMadeAgain() {
        UUID order = UUID.randomUUID();
        this.payments.charge(order, "carol", 2500, "tok_visa");
        String charge = provider.charge(order).orElseThrow().id();
        // the provider refunded, then we crashed before storing it: the payment is still CAPTURED here
        Refund made = provider.refund("refund-" + order, charge, 2500);
        Ledger before = provider.ledger();
        assertThat(this.payments.refund(order).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(provider.ledger()).isEqualTo(before);
        assertThat(this.jdbc.queryForObject(
                        "select provider_refund_id from payment where order_id = ?", String.class, order))
                .isEqualTo(made.id());
    }

    @Test
    void aDeclinedPaymentIsNotRefundable() {
        UUID order = UUID.randomUUID();
        assertThat(this.payments
                        .charge(order, "dave", 250, "tok_insufficient_funds")
                        .status())
                .isEqualTo(PaymentStatus.DECLINED);
        Ledger before = provider.ledger();
        this.payments.refundProblem(order, 409, "payment-not-refundable");
        assertThat(this.payments.get(order).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(provider.ledger()).isEqualTo(before);
    }

    @Test
    void failedPaymentsAreNotRefundable() {
        UUID cancelled = UUID.randomUUID();
        this.payments.cancel(cancelled);
        UUID failed = UUID.randomUUID();
        assertThat(this.payments.charge(failed, "erin", 999, "tok_error").status())
                .isEqualTo(PaymentStatus.FAILED);
        Ledger before = provider.ledger();
        this.payments.refundProblem(cancelled, 409, "payment-not-refundable");
        this.payments.refundProblem(failed, 409, "payment-not-refundable");
        assertThat(provider.ledger()).isEqualTo(before);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        this.payments.refundProblem(UUID.randomUUID(), 404, "not-found");
        this.http
                .post()
                .uri("/internal/payments/not-a-uuid/refund")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void anUnreachableProviderAnswers503AndKeepsThePaymentCapturedUntilALaterRefund() {
        UUID order = UUID.randomUUID();
        this.payments.charge(order, "frank", 1500, "tok_visa");
        Ledger before = provider.ledger();
        double failedBefore = refunds("failed");
        this.faults.on(new FaultRequest(
                "provider-down", FaultKind.UNREACHABLE, "provider.call", null, null, null, null, null, "test"));
        try {
            this.payments.refundProblem(order, 503, "provider-unavailable");
        } finally {
            this.faults.off("provider-down");
        }
        assertThat(this.payments.get(order).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(provider.ledger()).isEqualTo(before);
        assertThat(refunds("failed") - failedBefore).isEqualTo(1);
        assertThat(this.meters
                        .get("shop.payment.refund")
                        .tag("outcome", "failed")
                        .timer()
                        .count())
                .isPositive();
        // the caller asks again later: refunded, once
        assertThat(this.payments.refund(order).status()).isEqualTo(PaymentStatus.REFUNDED);
        Ledger after = provider.ledger();
        assertThat(after.refunds() - before.refunds()).isEqualTo(1);
        assertThat(after.refundedAmountCents() - before.refundedAmountCents()).isEqualTo(1500);
    }

    @Test
    void aRefundTheProviderRefusesKeepsThePaymentCaptured() {
        // a capture never sent: the provider has no such charge, and says so
        this.faults.on(new FaultRequest(
                "unsettled", FaultKind.NEVER_SETTLED, "payment.settle", null, null, null, null, null, "test"));
        UUID order = UUID.randomUUID();
        try {
            this.payments.charge(order, "grace", 800, "tok_visa");
        } finally {
            this.faults.off("unsettled");
        }
        Ledger before = provider.ledger();
        this.payments.refundProblem(order, 409, "refund-refused");
        assertThat(this.payments.get(order).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(provider.ledger()).isEqualTo(before);
    }

    @Test
    void theStatusCheckAcceptsRefundedWithItsRefundOnly() {
        assertThat(insert(UUID.randomUUID(), "REFUNDED", "re_1", Instant.now())).isEqualTo(1);
        assertThatThrownBy(() -> insert(UUID.randomUUID(), "REFUNDED", null, null))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insert(UUID.randomUUID(), "REVERSED", null, null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private int insert(UUID order, String status, String refundId, Instant refundedAt) {
        return this.jdbc.update(
                """
				insert into payment (id, order_id, customer_id, amount_cents, currency, status, provider_charge_id,
				    provider_refund_id, refunded_at, created_at, updated_at)
				values (?, ?, 'zoe', 100, 'EUR', ?, 'ch_1', ?, ?, now(), now())""",
                UUID.randomUUID(),
                order,
                status,
                refundId,
                refundedAt == null ? null : Timestamp.from(refundedAt));
    }

    private double refunds(String outcome) {
        return Search.in(this.meters).name("shop.payment.refunds").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
