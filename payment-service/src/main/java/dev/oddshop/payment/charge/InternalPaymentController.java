package dev.oddshop.payment.charge;

import dev.oddshop.payment.PaymentFaultPoints;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What order-service calls; the gateway does not route it. */
@RestController
@RequestMapping("/internal/payments")
class InternalPaymentController {

    private final PaymentService payments;

    private final PaymentRefunds refunds;

    private final FaultPoints faults;

    InternalPaymentController(PaymentService payments, PaymentRefunds refunds, FaultPoints faults) {
        this.payments = payments;
        this.refunds = refunds;
        this.faults = faults;
    }

    /** Charges the order once; repeating it answers the same payment. */
    @PostMapping
    PaymentView charge(@Valid @RequestBody ChargeRequest request) {
        this.faults.strike(PaymentFaultPoints.CHARGE);
        return this.payments.charge(request);
    }

    @GetMapping("/{orderId}")
    PaymentView payment(@PathVariable UUID orderId) {
        return this.payments.find(orderId).orElseThrow(() -> ApiException.notFound("Payment of order", orderId));
    }

    @PostMapping("/{orderId}/cancel")
    PaymentView cancel(@PathVariable UUID orderId) {
        return this.payments.cancel(orderId);
    }

    /** Gives the whole capture back, once; asking again answers the refunded payment. */
    @PostMapping("/{orderId}/refund")
    PaymentView refund(@PathVariable UUID orderId) {
        return this.refunds.refund(orderId);
    }
}
