package dev.oddshop.payment.charge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reconcileGrace how long after its last change a PENDING payment that the provider has
 * no record of is declared FAILED (before that, the charge may still be on its way)
 */
@ConfigurationProperties("shop.payment")
public record PaymentProperties(Duration reconcileGrace) {

    public PaymentProperties {
        reconcileGrace = reconcileGrace == null ? Duration.ofSeconds(30) : reconcileGrace;
    }
}
