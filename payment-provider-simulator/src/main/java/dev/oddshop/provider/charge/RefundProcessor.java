package dev.oddshop.provider.charge;

import dev.oddshop.platform.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Refunds at most once per idempotency key, synchronously, and never more than what is left of
 * the charge. The key is claimed before the charge's balance is taken, so duplicates (also
 * concurrent ones) answer that same refund, or the same refusal.
 */
@Service
class RefundProcessor {

    private static final Logger log = LoggerFactory.getLogger(RefundProcessor.class);

    /** A refund and whether it was answered from an earlier request with the same key. */
    record Result(Refund refund, boolean replayed) {}

    private final ChargeBook charges;

    private final RefundBook refunds;

    RefundProcessor(ChargeBook charges, RefundBook refunds) {
        this.charges = charges;
        this.refunds = refunds;
    }

    Result refund(String key, RefundRequest request) {
        Optional<RefundBook.Entry> existing = this.refunds.find(key);
        if (existing.isPresent()) {
            return replay(key, existing.get(), request);
        }
        Charge charge = this.charges
                .findCharge(request.charge())
                .orElseThrow(() -> ApiException.notFound("Charge", request.charge()));
        if (charge.status() != ChargeStatus.SUCCEEDED) {
            throw ApiException.conflict(
                    "charge-not-refundable",
                    "Charge " + charge.id() + " is " + charge.status().wireName()
                            + "; only a succeeded charge can be refunded");
        }
        RefundBook.Entry entry = new RefundBook.Entry(request, new CompletableFuture<>());
        RefundBook.Entry raced = this.refunds.putIfAbsent(key, entry);
        if (raced != null) {
            return replay(key, raced, request);
        }
        if (!this.refunds.take(charge, request.amountCents())) {
            ApiException exceeds = ApiException.conflict(
                    "refund-exceeds-charge",
                    "A refund of " + request.amountCents() + " exceeds the " + this.refunds.left(charge)
                            + " left of charge " + charge.id());
            // nothing refunded: free the key, and give duplicates waiting on it the same answer
            this.refunds.remove(key, entry);
            entry.result().completeExceptionally(exceeds);
            throw exceeds;
        }
        Refund refund = new Refund(
                "re_" + UUID.randomUUID(),
                charge.id(),
                RefundStatus.SUCCEEDED,
                request.amountCents(),
                charge.currency(),
                Instant.now());
        entry.result().complete(refund);
        log.info(
                "Refund {} {} for {} {} of charge {} (key {})",
                refund.id(),
                refund.status().wireName(),
                refund.amountCents(),
                refund.currency(),
                charge.id(),
                key);
        return new Result(refund, false);
    }

    List<Refund> refunds() {
        return this.refunds.refunds();
    }

    private Result replay(String key, RefundBook.Entry entry, RefundRequest request) {
        if (!entry.request().equals(request)) {
            throw IdempotencyKeys.reused(key, "refund");
        }
        try {
            return new Result(entry.result().join(), true);
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof ApiException refused) {
                throw refused;
            }
            throw ex;
        }
    }
}
