package dev.oddshop.provider.charge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the simulated processor behaves.
 *
 * @param latency how long each charge is "processing"
 */
@ConfigurationProperties("shop.simulator")
public record SimulatorProperties(Latency latency) {

    public SimulatorProperties {
        latency = latency == null ? new Latency(null, null) : latency;
    }

    /**
     * @param mean the average processing time
     * @param jitter each charge takes mean plus a uniform random offset in [-jitter, +jitter]
     */
    public record Latency(Duration mean, Duration jitter) {

        public Latency {
            mean = mean == null ? Duration.ofMillis(120) : mean;
            jitter = jitter == null ? Duration.ofMillis(80) : jitter;
        }
    }
}
