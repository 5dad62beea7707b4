package dev.handoff.access;

import java.util.Locale;

/** What a review token may do; each role may do everything the roles before it may. */
public enum Role {

	/** reads the queue, truth, drift and edges */
	VIEWER,
	/** also replays, edits and discards rejects */
	OPERATOR,
	/** also decides held messages */
	APPROVER,
	/** everything */
	ADMIN;

	/**
	 * What a call into {@code /api/} needs: reads a viewer, changes an operator, deciding
	 * held messages an approver; the audit trail and changing what the service runs an
	 * admin. The access check and the OpenAPI document both ask.
	 */
	public static Role neededFor(String method, String path) {
		if (path.startsWith("/api/audit")) {
			return ADMIN;
		}
		if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
			return VIEWER;
		}
		if (path.startsWith("/api/contracts")) {
			return ADMIN;
		}
		return path.startsWith("/api/held/") ? APPROVER : OPERATOR;
	}

	public boolean allows(Role needed) {
		return ordinal() >= needed.ordinal();
	}

	public String lowerCase() {
		return name().toLowerCase(Locale.ROOT);
	}

}
