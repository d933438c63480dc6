package dev.oddshop.provider.charge;

import dev.oddshop.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** What charges and refunds share about their idempotency keys. */
final class IdempotencyKeys {

    private IdempotencyKeys() {}

    /** The same key sent again with another request: 422, as real processors answer. */
    static ApiException reused(String key, String request) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused",
                "Idempotency key " + key + " was already used for a different " + request);
    }
}
