package dev.oddshop.provider.charge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A refund's status, lower-case on the wire like {@link ChargeStatus}; refunds here are synchronous. */
public enum RefundStatus {
    SUCCEEDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
