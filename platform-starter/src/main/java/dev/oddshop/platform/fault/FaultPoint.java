package dev.oddshop.platform.fault;

import java.util.regex.Pattern;

/**
 * A place in a service's code where faults strike. Each service declares its points as constants
 * of one class, {@link DeclaredFaultPoints#in} makes them a bean, and a fault at any other point is
 * refused with 400: a typo cannot make a fault that silently never strikes.
 *
 * @param id the name faults and scenarios use: lower case, dots and dashes
 * @param description where in the code it is, and what a fault there hits
 */
public record FaultPoint(String id, String description) {

	private static final Pattern ID = Pattern.compile("[a-z0-9.-]{1,64}");

	public FaultPoint {
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("A fault point's id is 1 to 64 of a-z, 0-9, '.' and '-': " + id);
		}
	}

	/** The fault points every service has, through the starter. */
	public static final FaultPoint READINESS = new FaultPoint("readiness",
			"the readiness probe: READINESS_FLAP answers DOWN for a share of checks");

}
