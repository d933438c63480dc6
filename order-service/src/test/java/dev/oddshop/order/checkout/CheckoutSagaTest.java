package dev.oddshop.order.checkout;

import static dev.oddshop.order.checkout.StubServices.Endpoint.CHARGE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.COMMIT;
import static dev.oddshop.order.checkout.StubServices.Endpoint.PRICE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.REFUND;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RELEASE;
import static dev.oddshop.order.checkout.StubServices.Endpoint.RESERVE;
import static dev.oddshop.order.checkout.StubServices.Service.CATALOG;
import static dev.oddshop.order.checkout.StubServices.Service.INVENTORY;
import static dev.oddshop.order.checkout.StubServices.Service.PAYMENT;
import static dev.oddshop.order.checkout.StubServices.declined;
import static dev.oddshop.order.checkout.StubServices.dropConnection;
import static dev.oddshop.order.checkout.StubServices.failedAtProvider;
import static dev.oddshop.order.checkout.StubServices.insufficientStock;
import static dev.oddshop.order.checkout.StubServices.noAnswer;
import static dev.oddshop.order.checkout.StubServices.payment;
import static dev.oddshop.order.checkout.StubServices.prices;
import static dev.oddshop.order.checkout.StubServices.problem;
import static dev.oddshop.order.checkout.StubServices.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.oddshop.order.checkout.StubServices.Answer;
import dev.oddshop.order.checkout.StubServices.Endpoint;
import dev.oddshop.order.lifecycle.CheckoutStep;
import dev.oddshop.order.lifecycle.OrderItem;
import dev.oddshop.order.lifecycle.OrderView;
import dev.oddshop.order.remote.PaymentClient;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Every way a checkout ends, through the public API, with catalog, inventory and payment stubbed
 * over real HTTP: what the customer is answered, what the order records, what each service was
 * asked, and the checkout-success SLI (shop_checkouts_total).
 */
class CheckoutSagaTest extends CheckoutTestSupport {

    private static final String PROBLEMS = "https://odd-shop.dev/problems/";

    @Test
    void aCheckoutReservesChargesAndCommitsAtTheCurrentPrices() {
        UUID cart = cartWith(7, 2);
        add(cart, 9, 1);
        // the catalog's prices of the moment count, not those the cart was filled at
        stubs.answer(PRICE, prices(Map.of(7L, 1_250L, 9L, 990L)));
        double confirmed = checkouts("confirmed", "none");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("CONFIRMED");
        assertThat(reply.json().path("totalCents").asLong()).isEqualTo(3_490);
        UUID order = reply.orderId();
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, COMMIT);
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        JsonNode reservation = stubs.calls(RESERVE, order).getFirst().body();
        assertThat(reservation
                        .path("items")
                        .valueStream()
                        .map(i -> i.path("productId").asLong() + " x "
                                + i.path("quantity").asInt()))
                .containsExactlyInAnyOrder("7 x 2", "9 x 1");
        JsonNode charge = stubs.calls(CHARGE, order).getFirst().body();
        assertThat(charge.path("customerId").asString()).isEqualTo(this.customer);
        assertThat(charge.path("amountCents").asLong()).isEqualTo(3_490);
        assertThat(charge.path("currency").asString()).isEqualTo("EUR");
        assertThat(charge.path("cardToken").asString()).isEqualTo("tok_visa");
        OrderView view = order(order);
        assertThat(view.items()).containsExactlyInAnyOrder(new OrderItem(7, 2, 1_250), new OrderItem(9, 1, 990));
        assertThat(view.history())
                .extracting(OrderView.Change::step)
                .containsExactly(
                        CheckoutStep.STARTED,
                        CheckoutStep.STOCK_RESERVED,
                        CheckoutStep.PAYMENT_CAPTURED,
                        CheckoutStep.DONE);
        assertThat(row(order)).isEqualTo(new OrderRow("CONFIRMED", "DONE", null, null));
        assertThat(cartStatus(cart)).isEqualTo("CHECKED_OUT");
        assertThat(checkouts("confirmed", "none")).isEqualTo(confirmed + 1);
        assertThat(scrape()).containsPattern("shop_checkouts_total\\{[^}]*cause=\"none\"[^}]*outcome=\"confirmed\"");
    }

    @Test
    void aCartEmptyOrCheckedOutAlreadyIsRefusedBeforeAnyServiceIsAsked() {
        UUID bought = cartWith(7, 1);
        assertThat(checkout(bought).text("status")).isEqualTo("CONFIRMED");
        stubs.reset();
        double refused = checkouts("refused", "customer");

        Reply empty = checkout(newCart());
        Reply again = checkout(bought);

        assertThat(empty.status()).isEqualTo(409);
        assertThat(empty.text("type")).isEqualTo(PROBLEMS + "cart-empty");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo(PROBLEMS + "cart-checked-out");
        assertThat(stubs.called(CATALOG)).isEmpty();
        assertThat(stubs.called(INVENTORY)).isEmpty();
        assertThat(stubs.called(PAYMENT)).isEmpty();
        assertThat(checkouts("refused", "customer")).isEqualTo(refused + 2);
    }

    static Stream<Named<Answer>> breakdowns() {
        return Stream.of(
                Named.of("answering 500", serverError()), Named.of("dropping the connection", dropConnection()));
    }

    @ParameterizedTest
    @MethodSource("breakdowns")
    void pricesThatCannotBeConfirmedOrderNothingAndAskToRetry(Answer catalog) {
        UUID cart = cartWith(7, 1);
        stubs.answer(PRICE, catalog);
        double refused = checkouts("refused", "internal");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text("type")).isEqualTo(PROBLEMS + "dependency-unavailable");
        assertThat(reply.text("detail"))
                .isEqualTo("Prices cannot be confirmed right now; nothing was ordered or charged, please retry");
        // the look-up when the item was added, then the checkout's, retried
        assertThat(stubs.calls(PRICE)).hasSizeGreaterThanOrEqualTo(1 + 3);
        assertThat(ordersOf(cart)).isZero();
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
        assertThat(stubs.called(INVENTORY)).isEmpty();
        assertThat(stubs.called(PAYMENT)).isEmpty();
        assertThat(checkouts("refused", "internal")).isEqualTo(refused + 1);
    }

    @Test
    void aProductNoLongerSoldIsRefusedBeforeAnythingIsOrdered() {
        UUID cart = cartWith(7, 1);
        stubs.answer(PRICE, prices(Map.of()));
        double refused = checkouts("refused", "customer");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo(PROBLEMS + "product-unavailable");
        assertThat(reply.text("detail")).isEqualTo("Product 7 is no longer sold");
        assertThat(ordersOf(cart)).isZero();
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
        assertThat(stubs.called(INVENTORY)).isEmpty();
        assertThat(checkouts("refused", "customer")).isEqualTo(refused + 1);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments(
                        Named.of("409, short of stock", insufficientStock(7)),
                        "Not enough stock of product 7 to cover the reservation"),
                arguments(
                        Named.of(
                                "404, a product inventory does not stock",
                                problem(HttpStatus.NOT_FOUND, "not-found", "Product 7 not found")),
                        "Product 7 not found"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void insufficientStockFailsTheOrderOnTheCustomersSideAndChargesNothing(Answer inventory, String refusal) {
        UUID cart = cartWith(7, 3);
        stubs.answer(RESERVE, inventory);
        double failed = checkouts("failed", "customer");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo(PROBLEMS + "insufficient-stock");
        // inventory's refusal is its business answer to the request, passed on in its words
        assertThat(reply.text("detail")).isEqualTo("insufficient stock: " + refusal);
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "CUSTOMER", reply.text("detail")));
        assertThat(stubs.called(PAYMENT)).isEmpty();
        // a refusal is an answer, not a failure: not retried, and there is nothing to release
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE);
        // the customer may take something out and try again
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
        assertThat(checkouts("failed", "customer")).isEqualTo(failed + 1);
    }

    @ParameterizedTest
    @MethodSource("breakdowns")
    void aReservationThatFailsIsReleasedAndTheOrderFailsUncharged(Answer inventory) {
        UUID cart = cartWith(7, 1);
        stubs.answer(RESERVE, inventory);
        double failed = checkouts("failed", "internal");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("FAILED");
        assertThat(reply.text("failureReason")).isEqualTo("stock could not be reserved; nothing was charged");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "INTERNAL", reply.text("failureReason")));
        // retried as an idempotent command; then released, as a reservation may have gone through unanswered
        assertThat(stubs.calls(RESERVE, order)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stubs.calls(RELEASE, order)).hasSize(1);
        assertThat(stubs.called(PAYMENT)).isEmpty();
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
        assertThat(checkouts("failed", "internal")).isEqualTo(failed + 1);
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndFailsTheOrderOnTheCustomersSide() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, declined("insufficient_funds"));
        double failed = checkouts("failed", "customer");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("FAILED");
        assertThat(reply.text("failureReason")).isEqualTo("payment declined: insufficient_funds");
        UUID order = reply.orderId();
        assertThat(row(order))
                .isEqualTo(new OrderRow("FAILED", "DONE", "CUSTOMER", "payment declined: insufficient_funds"));
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, RELEASE);
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        assertThat(order(order).history())
                .extracting(OrderView.Change::step)
                .containsExactly(CheckoutStep.STARTED, CheckoutStep.STOCK_RESERVED, CheckoutStep.DONE);
        // the customer may pay with another card
        assertThat(cartStatus(cart)).isEqualTo("OPEN");
        assertThat(checkouts("failed", "customer")).isEqualTo(failed + 1);
    }

    @Test
    void aPaymentFailedAtTheProviderReleasesTheStockAndFailsWithAReasonOfOurOwn() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, failedAtProvider("provider error after 3 attempt(s): HTTP 500 processing-error"));
        double failed = checkouts("failed", "internal");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("FAILED");
        assertThat(reply.text("failureReason")).isEqualTo("the payment could not be completed; nothing was charged");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "INTERNAL", reply.text("failureReason")));
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, RELEASE);
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        assertThat(checkouts("failed", "internal")).isEqualTo(failed + 1);
    }

    static Stream<Named<Answer>> unanswered() {
        return Stream.of(
                Named.of("no answer within the read timeout", noAnswer()),
                Named.of("answering 500", serverError()),
                Named.of("dropping the connection", dropConnection()));
    }

    @ParameterizedTest
    @MethodSource("unanswered")
    void aChargeWithoutAnAnswerLeavesTheOrderPendingAndIsNeverSentAgain(Answer payment) {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, payment);
        double ended = endedCheckouts();

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        assertThat(reply.text("failureReason")).isNull();
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "PAYMENT_UNKNOWN", null, null));
        assertThat(order(order).history().getLast().reason()).isEqualTo("payment outcome unknown");
        // the charge may have gone through: never sent twice, and the stock stays reserved for it
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE);
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE);
        assertThat(cartStatus(cart)).isEqualTo("CHECKING_OUT");
        // not final yet: counted when the reconciler settles it (CheckoutResumeTest)
        assertThat(endedCheckouts()).isEqualTo(ended);
    }

    @Test
    void aChargeStillPendingAtTheProviderLeavesTheOrderPendingWithTheStockReserved() {
        UUID cart = cartWith(7, 1);
        stubs.answer(CHARGE, payment(PaymentClient.Status.PENDING, null, "provider timeout"));

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("PENDING");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("PENDING", "PAYMENT_UNKNOWN", null, null));
        assertThat(order(order).history().getLast().reason()).isEqualTo("payment pending at the provider");
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE);
    }

    /**
     * Paid, but inventory refuses the commit: the reservation expired (inventory was out of reach
     * for longer than its TTL) and its stock has been sold. The order fails on the shop's side and
     * the customer is owed their money.
     */
    @Test
    void aCommitRefusedAfterPaymentRefundsThePaymentAndFailsTheOrder() {
        UUID cart = cartWith(7, 1);
        stubs.answer(COMMIT, insufficientStock(7));
        double failed = checkouts("failed", "internal");

        Reply reply = checkout(cart);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("FAILED");
        UUID order = reply.orderId();
        assertThat(row(order)).isEqualTo(new OrderRow("FAILED", "DONE", "INTERNAL", CheckoutSaga.SOLD_OUT_REFUNDED));
        assertThat(checkouts("failed", "internal")).isEqualTo(failed + 1);
        // the stock is gone: nothing to release
        assertThat(stubs.called(INVENTORY, order)).containsExactly(RESERVE, COMMIT);
        // the money: captured once, given back once
        assertThat(stubs.called(PAYMENT, order)).containsExactly(CHARGE, REFUND);
    }

    private static final String SECRET = "IllegalStateException at http://10.0.3.7:8084/internal/debug";

    static Stream<Named<Map<Endpoint, Answer>>> downstreamTexts() {
        return Stream.of(
                Named.of("catalog answering 500", Map.of(PRICE, serverError(SECRET))),
                Named.of("inventory answering 500 to the reservation", Map.of(RESERVE, serverError(SECRET))),
                Named.of("inventory dropping the reservation", Map.of(RESERVE, dropConnection())),
                Named.of("payment-service answering 500 to the charge", Map.of(CHARGE, serverError(SECRET))),
                Named.of("payment-service dropping the charge", Map.of(CHARGE, dropConnection())),
                Named.of("the provider failing the payment", Map.of(CHARGE, failedAtProvider(SECRET))),
                Named.of(
                        "inventory refusing the commit",
                        Map.of(COMMIT, problem(HttpStatus.CONFLICT, "insufficient-stock", SECRET))),
                Named.of("inventory answering 500 to the commit", Map.of(COMMIT, serverError(SECRET))),
                Named.of(
                        "inventory answering 500 to the release",
                        Map.of(CHARGE, declined("card_declined"), RELEASE, serverError(SECRET))));
    }

    /** Neither a dependency's error text nor its address reaches the customer: they go to the log. */
    @ParameterizedTest
    @MethodSource("downstreamTexts")
    void whatTheCustomerSeesCarriesNoTextOfAFailingDependency(Map<Endpoint, Answer> failures) {
        UUID cart = cartWith(7, 1);
        failures.forEach(stubs::answer);

        Reply reply = checkout(cart);

        String seen = reply.body() + (reply.json().has("orderId") ? orderBody(reply.orderId()) : "");
        assertThat(seen)
                .doesNotContain(SECRET)
                .doesNotContain("Exception")
                .doesNotContain("/internal/")
                .doesNotContain(stubs.baseUrl(CATALOG), stubs.baseUrl(INVENTORY), stubs.baseUrl(PAYMENT));
    }

    private long ordersOf(UUID cart) {
        return this.jdbc.queryForObject("select count(*) from orders where cart_id = ?", Long.class, cart);
    }

    /** Every checkout counted as ended, however. */
    private double endedCheckouts() {
        return this.meters.find("shop.checkouts").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private String scrape() {
        return this.http
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
