package dev.oddshop.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Rendered as RFC 9457 problem details whose {@code type}
 * ends in {@link #kind()}, so clients match on a stable identifier instead of the text.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final String kind;

    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String kind, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.properties = Map.copyOf(properties);
    }

    public ApiException(HttpStatus status, String kind, String detail) {
        this(status, kind, detail, Map.of());
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " not found");
    }

    public static ApiException conflict(String kind, String detail) {
        return new ApiException(HttpStatus.CONFLICT, kind, detail);
    }

    public HttpStatus status() {
        return this.status;
    }

    public String kind() {
        return this.kind;
    }

    public Map<String, Object> properties() {
        return this.properties;
    }
}
