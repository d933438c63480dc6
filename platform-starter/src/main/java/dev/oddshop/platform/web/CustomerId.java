package dev.oddshop.platform.web;

/**
 * The customer a request acts for, from the {@code X-Customer-Id} header. Only the gateway sets
 * it, from the session it verified (a client's is removed there), and only the gateway reaches
 * the services (docs/SECURITY.md). Declare it as a controller parameter to require it.
 */
public record CustomerId(String value) {

    public static final String HEADER = "X-Customer-Id";

    static final String PATTERN = "[A-Za-z0-9._@-]{1,64}";
}
