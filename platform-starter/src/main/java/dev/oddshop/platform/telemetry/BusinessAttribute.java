package dev.oddshop.platform.telemetry;

import java.util.regex.Pattern;

/**
 * A business id or fact worth finding a request by, declared by the service that knows it (e.g.
 * order-service's {@code CheckoutAttributes}). On spans it is a {@code shop.*} attribute
 * (OpenTelemetry's advice for attributes outside the semantic conventions); in logs a snake_case
 * field, so Loki keeps it as structured metadata.
 *
 * @param spanAttribute the span attribute, {@code shop.} and dotted lower case
 * @param logField the log field, snake_case
 */
public record BusinessAttribute(String spanAttribute, String logField) {

    private static final Pattern SPAN_ATTRIBUTE = Pattern.compile("shop(\\.[a-z_]+)+");

    private static final Pattern LOG_FIELD = Pattern.compile("[a-z]+(_[a-z]+)*");

    public BusinessAttribute {
        if (spanAttribute == null || !SPAN_ATTRIBUTE.matcher(spanAttribute).matches()) {
            throw new IllegalArgumentException(
                    "A business span attribute is shop.* in dotted lower case: " + spanAttribute);
        }
        if (logField == null || !LOG_FIELD.matcher(logField).matches()) {
            throw new IllegalArgumentException("A business log field is snake_case: " + logField);
        }
    }
}
