package dev.oddshop.order.checkout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param staleAfter how long a PENDING order may go untouched before the reconciler resolves it
 */
@ConfigurationProperties("shop.orders")
public record OrdersProperties(Duration staleAfter) {

    public OrdersProperties {
        staleAfter = staleAfter == null ? Duration.ofSeconds(60) : staleAfter;
    }
}
