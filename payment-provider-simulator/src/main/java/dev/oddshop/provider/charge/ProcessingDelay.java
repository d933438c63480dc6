package dev.oddshop.provider.charge;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Sleeps for the configured processing latency: a real processor is never instant. */
@Component
class ProcessingDelay {

    private final SimulatorProperties.Latency latency;

    ProcessingDelay(SimulatorProperties properties) {
        this.latency = properties.latency();
    }

    void pause() {
        long mean = this.latency.mean().toMillis();
        long jitter = this.latency.jitter().toMillis();
        long offset = jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0;
        long millis = Math.max(0, mean + offset);
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while processing a charge", ex);
        }
    }
}
