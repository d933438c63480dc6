package dev.oddshop.platform.web;

/**
 * The customer a request acts for, from the {@code X-Customer-Id} header (a demo stand-in for
 * authentication at the gateway). Declare it as a controller parameter to require it.
 */
public record CustomerId(String value) {

	public static final String HEADER = "X-Customer-Id";

	static final String PATTERN = "[A-Za-z0-9._@-]{1,64}";

}
