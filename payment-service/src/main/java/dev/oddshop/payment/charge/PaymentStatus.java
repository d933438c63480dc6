package dev.oddshop.payment.charge;

/** PENDING until the provider's answer is known; the other three are final. */
public enum PaymentStatus {

	PENDING, CAPTURED, DECLINED, FAILED;

	public boolean isFinal() {
		return this != PENDING;
	}

}
