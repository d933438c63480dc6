package dev.oddshop.order.order;

/** What the customer sees. CONFIRMED and FAILED are final. */
public enum OrderStatus {

	PENDING, CONFIRMED, FAILED

}
