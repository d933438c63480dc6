package dev.oddshop.order.checkout;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static dev.oddshop.order.checkout.StubServices.Endpoint.CHARGE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RESERVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key makes a repeated checkout answer the order the first one made, and never
 * charge twice.
 */
class CheckoutIdempotencyTest extends CheckoutTestSupport {

	@Test
	void theSameKeyAgainAnswersTheSameOrderAndChargesOnce() {
		UUID cart = cartWith(7, 1);
		String key = UUID.randomUUID().toString();
		Reply first = checkout(cart, key);
		double confirmed = checkouts("confirmed", "none");

		Reply again = checkout(cart, key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.orderId()).isEqualTo(first.orderId());
		assertThat(again.text("status")).isEqualTo("CONFIRMED");
		assertThat(stubs.calls(RESERVE)).hasSize(1);
		assertThat(stubs.calls(CHARGE)).hasSize(1);
		assertThat(ordersWith(key)).isEqualTo(1);
		// an answer repeated is not another checkout
		assertThat(checkouts("confirmed", "none")).isEqualTo(confirmed);
	}

	@Test
	void theSameKeyForAnotherCartIsRefused() {
		String key = UUID.randomUUID().toString();
		checkout(cartWith(7, 1), key);

		Reply other = checkout(cartWith(8, 1), key);

		assertThat(other.status()).isEqualTo(422);
		assertThat(other.text("type")).isEqualTo("https://odd-shop.dev/problems/idempotency-key-reused");
		assertThat(stubs.calls(CHARGE)).hasSize(1);
		assertThat(ordersWith(key)).isEqualTo(1);
	}

	private long ordersWith(String key) {
		return this.jdbc.queryForObject("select count(*) from orders where customer_id = ? and idempotency_key = ?",
				Long.class, this.customer, key);
	}

}
