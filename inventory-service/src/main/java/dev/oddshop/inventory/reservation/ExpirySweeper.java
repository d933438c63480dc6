package dev.oddshop.inventory.reservation;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Gives the stock of abandoned reservations back, in small batches so locks stay short. */
@Component
class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    static final int BATCH_SIZE = 50;

    private final ReservationService reservations;

    ExpirySweeper(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Scheduled(
            fixedDelayString = "${shop.inventory.sweep-interval:5s}",
            initialDelayString = "${shop.inventory.sweep-interval:5s}")
    void sweep() {
        List<UUID> expired;
        do {
            // each batch is its own transaction: log only what has been committed
            expired = this.reservations.expireDue(BATCH_SIZE);
            expired.forEach(orderId -> log.info("Reservation {} expired; its stock is back on sale", orderId));
        } while (expired.size() == BATCH_SIZE);
    }
}
