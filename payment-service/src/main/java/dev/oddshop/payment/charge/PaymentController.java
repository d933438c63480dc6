package dev.oddshop.payment.charge;

import dev.oddshop.platform.web.ApiException;
import dev.oddshop.platform.web.CustomerId;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer's view of their payments, through the gateway. */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @GetMapping
    PaymentView payment(CustomerId customer, @RequestParam UUID orderId) {
        return this.payments
                .find(orderId, customer.value())
                .orElseThrow(() -> ApiException.notFound("Payment of order", orderId));
    }
}
