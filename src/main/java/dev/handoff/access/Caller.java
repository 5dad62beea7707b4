package dev.handoff.access;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made a review call, as the access check found them: their token's name (for the
 * audit trail) and role (for what they may see).
 */
public record Caller(String name, Role role) {

	private static final String ATTRIBUTE = Caller.class.getName();

	/** The caller of a request that passed the access check. */
	public static Caller of(HttpServletRequest request) {
		Caller caller = (Caller) request.getAttribute(ATTRIBUTE);
		if (caller == null) {
			throw new IllegalStateException(
					"no caller on " + request.getRequestURI() + ": it did not pass the access check");
		}
		return caller;
	}

	static void set(HttpServletRequest request, Caller caller) {
		request.setAttribute(ATTRIBUTE, caller);
	}

	public boolean may(Role needed) {
		return role.allows(needed);
	}
}
