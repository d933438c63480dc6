package dev.oddshop.provider.charge;

import dev.oddshop.platform.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The test card tokens and what the processor does with each. */
final class CardTokens {

    /** What a token leads to: a status and decline code, or a processing error. */
    record Outcome(ChargeStatus status, String declineCode, boolean error) {}

    private static final Map<String, Outcome> OUTCOMES = Map.of(
            "tok_visa", new Outcome(ChargeStatus.SUCCEEDED, null, false),
            "tok_mastercard", new Outcome(ChargeStatus.SUCCEEDED, null, false),
            "tok_declined", new Outcome(ChargeStatus.DECLINED, "card_declined", false),
            "tok_insufficient_funds", new Outcome(ChargeStatus.DECLINED, "insufficient_funds", false),
            "tok_expired", new Outcome(ChargeStatus.DECLINED, "expired_card", false),
            "tok_error", new Outcome(null, null, true));

    private CardTokens() {}

    static Outcome outcomeOf(String token) {
        Outcome outcome = OUTCOMES.get(token);
        if (outcome == null) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-token",
                    "Unknown card token; test tokens are "
                            + String.join(
                                    ", ", OUTCOMES.keySet().stream().sorted().toList()));
        }
        return outcome;
    }
}
