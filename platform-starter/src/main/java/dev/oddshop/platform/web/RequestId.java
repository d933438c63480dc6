package dev.oddshop.platform.web;

/** The request id the gateway gives every request and passes to the services. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";

    private RequestId() {}
}
