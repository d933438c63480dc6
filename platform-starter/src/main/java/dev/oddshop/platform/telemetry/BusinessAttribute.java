package dev.oddshop.platform.telemetry;

/**
 * A business id or fact worth finding a request by. On spans it is a {@code shop.*} attribute
 * (OpenTelemetry's advice for attributes outside the semantic conventions); in logs a snake_case
 * field, so Loki keeps it as structured metadata.
 */
public enum BusinessAttribute {

	ORDER_ID("shop.order.id", "order_id"),
	CART_ID("shop.cart.id", "cart_id"),
	CART_SIZE("shop.cart.size", "cart_size"),
	PAYMENT_ID("shop.payment.id", "payment_id"),
	PAYMENT_STATUS("shop.payment.status", "payment_status"),
	PROVIDER_RESULT("shop.payment.provider_result", "provider_result"),
	ORDER_STATUS("shop.order.status", "order_status");

	private final String spanAttribute;

	private final String logField;

	BusinessAttribute(String spanAttribute, String logField) {
		this.spanAttribute = spanAttribute;
		this.logField = logField;
	}

	public String spanAttribute() {
		return this.spanAttribute;
	}

	public String logField() {
		return this.logField;
	}

}
