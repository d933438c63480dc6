package dev.oddshop.provider.charge;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** A refund's status, lower-case on the wire like {@link ChargeStatus}; refunds here are synchronous. */
public enum RefundStatus {

	SUCCEEDED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
