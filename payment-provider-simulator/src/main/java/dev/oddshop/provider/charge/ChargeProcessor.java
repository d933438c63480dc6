package dev.oddshop.provider.charge;

import dev.oddshop.platform.fault.FaultKind;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;
import dev.oddshop.provider.ProviderFaultPoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Charges at most once per idempotency key: the first request records the charge as
 * processing before it sleeps, so duplicates (also concurrent ones) wait for that same charge
 * instead of creating another.
 */
@Service
class ChargeProcessor {

    private static final Logger log = LoggerFactory.getLogger(ChargeProcessor.class);

    /** A charge and whether it was answered from an earlier request with the same key. */
    record Result(Charge charge, boolean replayed) {}

    private final ChargeBook book;

    private final ProcessingDelay delay;

    private final FaultPoints faults;

    private final MeterRegistry meters;

    ChargeProcessor(ChargeBook book, ProcessingDelay delay, FaultPoints faults, MeterRegistry meters) {
        this.book = book;
        this.delay = delay;
        this.faults = faults;
        this.meters = meters;
    }

    Result charge(String key, ChargeRequest request) {
        CardTokens.Outcome outcome = CardTokens.outcomeOf(request.source());
        Optional<ChargeBook.Entry> existing = this.book.find(key);
        if (existing.isPresent()) {
            return replay(key, existing.get(), request);
        }
        if (outcome.error()) {
            // a processing error records nothing: the merchant may safely try again
            this.delay.pause();
            throw new ApiException(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "processing-error",
                    "The processor failed to process the charge; nothing was charged");
        }
        Charge processing = new Charge(
                "ch_" + UUID.randomUUID(),
                ChargeStatus.PROCESSING,
                request.amountCents(),
                request.currency(),
                null,
                Instant.now());
        ChargeBook.Entry entry = new ChargeBook.Entry(request, processing, new CompletableFuture<>());
        ChargeBook.Entry raced = this.book.putIfAbsent(key, entry);
        if (raced != null) {
            return replay(key, raced, request);
        }
        try {
            this.delay.pause();
        } catch (RuntimeException ex) {
            // never settled: forget it so the key may be used again, and release waiting duplicates
            this.book.remove(key, entry);
            entry.result().completeExceptionally(ex);
            throw ex;
        }
        Charge settled = processing.settled(outcome.status(), outcome.declineCode());
        if (settled.status() == ChargeStatus.SUCCEEDED
                && this.faults.struck(ProviderFaultPoints.CHARGE, FaultKind.DECLINE)) {
            // the silent failure: a 200 that declines a good card
            settled = processing.settled(ChargeStatus.DECLINED, "do_not_honor");
        }
        entry.result().complete(settled);
        if (settled.status() == ChargeStatus.SUCCEEDED) {
            settledAmount(settled);
        }
        log.info(
                "Charge {} {} for {} {} (key {})",
                settled.id(),
                settled.status().wireName(),
                settled.amountCents(),
                settled.currency(),
                key);
        return new Result(settled, false);
    }

    /**
     * The provider's settlement feed, as a merchant receives it: what was really charged. Set
     * against the shop's revenue it exposes payments reported captured but never charged.
     */
    private void settledAmount(Charge charge) {
        Counter.builder("shop.provider.settled")
                .description("Amount the payment provider settled (charged), in minor units")
                .baseUnit("cents")
                .tag("currency", charge.currency())
                .register(this.meters)
                .increment(charge.amountCents());
    }

    Optional<Charge> find(String key) {
        return this.book.find(key).map(ChargeBook.Entry::current);
    }

    List<Charge> charges() {
        return this.book.charges();
    }

    private Result replay(String key, ChargeBook.Entry entry, ChargeRequest request) {
        if (!entry.request().sameChargeAs(request)) {
            throw IdempotencyKeys.reused(key, "charge");
        }
        return new Result(entry.result().join(), true);
    }
}
