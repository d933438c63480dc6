package dev.oddshop.payment.charge;

import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer's view of their payments, through the gateway. */
@Tag(name = "payments", description = "The payments of the customer's orders")
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @Operation(
            summary = "Read the payment of an order",
            description = "As the provider settled it: CAPTURED, DECLINED, FAILED or PENDING")
    @ApiResponse(responseCode = "200", description = "The payment")
    @ApiResponse(responseCode = "404", description = "No payment of that order (another customer's counts as none)")
    @GetMapping
    PaymentView payment(CustomerId customer, @RequestParam UUID orderId) {
        return this.payments
                .find(orderId, customer.value())
                .orElseThrow(() -> ApiException.notFound("Payment of order", orderId));
    }
}
