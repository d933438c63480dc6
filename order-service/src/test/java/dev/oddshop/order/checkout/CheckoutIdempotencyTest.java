package dev.oddshop.order.checkout;

import static dev.oddshop.order.checkout.StubServices.Endpoint.CHARGE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.PRICE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RESERVE;
import static dev.oddshop.order.checkout.StubServices.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.order.lifecycle.OrderStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key makes a repeated checkout answer the order the first one made, and never
 * charge twice, whether the repeat comes later or at the same moment.
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

    @Test
    void twoCheckoutsOfACartAtOnceWithTheSameKeyMakeOneOrderAndOneCharge() throws Exception {
        UUID cart = cartWith(7, 1);
        String key = UUID.randomUUID().toString();
        // both get past the key look-up before either creates the order: the catalog answers neither
        // price look-up until both have asked (a generous bound, in case only one ever asks)
        CountDownLatch bothAsked = new CountDownLatch(2);
        stubs.answer(PRICE, call -> {
            bothAsked.countDown();
            bothAsked.await(30, TimeUnit.SECONDS);
            return product(StubServices.DEFAULT_PRICE_CENTS).to(call);
        });

        List<Reply> replies;
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Reply> one = CompletableFuture.supplyAsync(() -> checkout(cart, key), clients);
            CompletableFuture<Reply> other = CompletableFuture.supplyAsync(() -> checkout(cart, key), clients);
            replies = List.of(one.join(), other.join());
        }

        assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(201, 200);
        assertThat(replies)
                .extracting(Reply::orderId)
                .containsOnly(replies.getFirst().orderId());
        assertThat(stubs.calls(CHARGE)).hasSize(1);
        assertThat(ordersWith(key)).isEqualTo(1);
        assertThat(order(replies.getFirst().orderId()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    private long ordersWith(String key) {
        return this.jdbc.queryForObject(
                "select count(*) from orders where customer_id = ? and idempotency_key = ?",
                Long.class,
                this.customer,
                key);
    }
}
