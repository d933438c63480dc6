package dev.oddshop.payment.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One charge of an order, across the attempts that Resilience4j's retry makes of it: counts
 * them, keeps each as it ended (stored with the charge's settlement, in one transaction: a
 * database that cannot take the record of an attempt must not change the charge's outcome), and
 * remembers whether any may have reached the provider unanswered. Used by one thread at a time.
 */
public final class ChargeCall {

    /** One attempt as it ended; {@code httpStatus} is null when no answer came. */
    public record Attempt(int number, AttemptOutcome outcome, Integer httpStatus, String error, Duration duration) {}

    private final UUID orderId;

    private final ProviderChargeRequest request;

    private final List<Attempt> ended = new ArrayList<>();

    private int attempts;

    private AttemptOutcome unknownOutcome;

    private AttemptOutcome lastOutcome;

    public ChargeCall(UUID orderId, ProviderChargeRequest request) {
        this.orderId = orderId;
        this.request = request;
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
        this.ended.add(attempt);
    }

    public int attempts() {
        return this.attempts;
    }

    /** The attempts that ended, in order; one still running when the call failed is not among them. */
    public List<Attempt> endedAttempts() {
        return List.copyOf(this.ended);
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
