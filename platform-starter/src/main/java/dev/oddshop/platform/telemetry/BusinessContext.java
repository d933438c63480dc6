package dev.oddshop.platform.telemetry;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * Puts a business id on the current span and into the log context in one call, so traces and
 * logs of a request can be found by order or payment. The servlet filter of the starter clears
 * the log context after each request; code outside a request calls {@link #clear()}.
 */
public class BusinessContext {

    private final ObservationRegistry observations;

    /** Every log field put so far: the services declare their own attributes. */
    private final Set<String> logFields = ConcurrentHashMap.newKeySet();

    public BusinessContext(ObservationRegistry observations) {
        this.observations = observations;
    }

    public void put(BusinessAttribute attribute, Object value) {
        String text = String.valueOf(value);
        Observation current = this.observations.getCurrentObservation();
        if (current != null) {
            current.highCardinalityKeyValue(attribute.spanAttribute(), text);
        }
        this.logFields.add(attribute.logField());
        MDC.put(attribute.logField(), text);
    }

    public void clear() {
        this.logFields.forEach(MDC::remove);
    }
}
