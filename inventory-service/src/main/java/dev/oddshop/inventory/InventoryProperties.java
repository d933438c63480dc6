package dev.oddshop.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reservationTtl how long a reservation holds stock when the caller names no TTL
 * @param sweepInterval the pause between two runs of the expiry sweeper
 */
@ConfigurationProperties("shop.inventory")
public record InventoryProperties(
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("5s") Duration sweepInterval) {}
