package dev.oddshop.provider.charge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The life of a charge; lower-case on the wire, like real processors' APIs. */
public enum ChargeStatus {
    PROCESSING,
    SUCCEEDED,
    DECLINED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
