package dev.oddshop.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reservations by lifecycle event (created, committed, released, expired, refused), counted
 * when the transaction that made the change commits, so a rolled-back change counts nothing.
 */
@Component
class ReservationMetrics {

    private final MeterRegistry meters;

    ReservationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A request refused for want of stock: its transaction rolls back, the refusal still counts. */
    void refused() {
        counter("refused").increment();
    }

    void record(String event, int count) {
        Counter counter = counter(event);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment(count);
                }
            });
        } else {
            counter.increment(count);
        }
    }

    private Counter counter(String event) {
        return Counter.builder("shop.reservations")
                .description("Stock reservations by lifecycle event")
                .tag("event", event)
                .register(this.meters);
    }
}
