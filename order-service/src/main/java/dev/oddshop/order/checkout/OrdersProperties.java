package dev.oddshop.order.checkout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param staleAfter how long a PENDING order may go untouched before the reconciler resolves it
 * @param reconcileInterval how often the reconciler looks
 */
@ConfigurationProperties("shop.orders")
public record OrdersProperties(Duration staleAfter, Duration reconcileInterval) {

	public OrdersProperties {
		staleAfter = staleAfter == null ? Duration.ofSeconds(60) : staleAfter;
		reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(5) : reconcileInterval;
	}

}
