package dev.oddshop.payment.charge;

import dev.oddshop.payment.provider.ChargeCall;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One call to the provider for a payment, kept for audits. */
@Entity
@Table(name = "payment_attempt")
public class PaymentAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "payment_id")
    private UUID paymentId;

    @Column(name = "attempt_no")
    private int attemptNo;

    private String outcome;

    @Column(name = "http_status")
    private Integer httpStatus;

    private String error;

    @Column(name = "duration_ms")
    private long durationMs;

    private Instant at;

    protected PaymentAttempt() {}

    PaymentAttempt(UUID paymentId, ChargeCall.Attempt attempt) {
        this.paymentId = paymentId;
        this.attemptNo = attempt.number();
        this.outcome = attempt.outcome().name();
        this.httpStatus = attempt.httpStatus();
        this.error = attempt.error();
        this.durationMs = attempt.duration().toMillis();
        this.at = Instant.now();
    }
}
