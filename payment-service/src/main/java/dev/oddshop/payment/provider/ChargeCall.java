package dev.oddshop.payment.provider;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One charge of an order, across the attempts that Resilience4j's retry makes of it: counts
 * them, reports each to a listener, and remembers whether any may have reached the provider
 * unanswered. Used by one thread at a time.
 */
public final class ChargeCall {

    /** One attempt as it ended; {@code httpStatus} is null when no answer came. */
    public record Attempt(int number, AttemptOutcome outcome, Integer httpStatus, String error, Duration duration) {}

    private final UUID orderId;

    private final ProviderChargeRequest request;

    private final Consumer<Attempt> listener;

    private int attempts;

    private AttemptOutcome unknownOutcome;

    private AttemptOutcome lastOutcome;

    public ChargeCall(UUID orderId, ProviderChargeRequest request, Consumer<Attempt> listener) {
        this.orderId = orderId;
        this.request = request;
        this.listener = listener;
    }

    UUID orderId() {
        return this.orderId;
    }

    ProviderChargeRequest request() {
        return this.request;
    }

    int begin() {
        return ++this.attempts;
    }

    void ended(Attempt attempt) {
        this.lastOutcome = attempt.outcome();
        if (attempt.outcome().outcomeUnknown()) {
            this.unknownOutcome = attempt.outcome();
        }
        this.listener.accept(attempt);
    }

    public int attempts() {
        return this.attempts;
    }

    /** Whether some attempt was sent but never answered, so the provider may have charged. */
    public boolean outcomeUnknown() {
        return this.unknownOutcome != null;
    }

    /** How the last attempt ended, or null when none was made (circuit open, bulkhead full). */
    public AttemptOutcome lastOutcome() {
        return this.lastOutcome;
    }

    /** How the last unanswered attempt ended (TIMEOUT, CONNECTION_LOST...), or null. */
    public AttemptOutcome unknownOutcome() {
        return this.unknownOutcome;
    }
}
