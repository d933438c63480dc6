package dev.oddshop.order.checkout;

import dev.oddshop.order.OrderFaultPoints;
import dev.oddshop.order.lifecycle.Order;
import dev.oddshop.order.lifecycle.OrderStatus;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "checkout", description = "Turning a cart into an order, paid by card")
@RestController
class CheckoutController {

    private final CheckoutSaga saga;

    private final FaultPoints faults;

    CheckoutController(CheckoutSaga saga, FaultPoints faults) {
        this.saga = saga;
        this.faults = faults;
    }

    record PaymentMethod(
            @NotNull @Pattern(regexp = "card") String type,
            @NotBlank @Size(max = 100) String token) {}

    record CheckoutRequest(@NotNull @Valid PaymentMethod paymentMethod) {}

    record CheckoutResponse(UUID orderId, OrderStatus status, long totalCents, String currency, String failureReason) {

        static CheckoutResponse of(Order order) {
            return new CheckoutResponse(
                    order.id(), order.status(), order.totalCents(), order.currency(), order.failureReason());
        }
    }

    /** 201 for a new order, 200 when the Idempotency-Key names an order already made. */
    @Operation(
            summary = "Check out a cart",
            description =
                    "Reserves the stock, charges the card once and answers the order: CONFIRMED, FAILED (declined,"
                            + " sold out) or PENDING (the payment's outcome is not known yet; settled later). A repeated"
                            + " Idempotency-Key answers the same order (200).")
    @ApiResponse(responseCode = "201", description = "The order the checkout made")
    @ApiResponse(responseCode = "200", description = "The order an earlier checkout with this Idempotency-Key made")
    @ApiResponse(
            responseCode = "409",
            description = "The cart is empty, checked out already or changing, or a product is unavailable")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another cart")
    @PostMapping("/api/orders/carts/{cartId}/checkout")
    ResponseEntity<CheckoutResponse> checkout(
            CustomerId customer,
            @PathVariable UUID cartId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) String idempotencyKey,
            @Valid @RequestBody CheckoutRequest request) {
        this.faults.strike(OrderFaultPoints.CHECKOUT);
        CheckoutSaga.Outcome outcome = this.saga.checkout(
                customer, cartId, idempotencyKey, request.paymentMethod().token());
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Location", "/api/orders/" + outcome.order().id())
                .body(CheckoutResponse.of(outcome.order()));
    }
}
