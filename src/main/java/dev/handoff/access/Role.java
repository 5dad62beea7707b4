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

	public boolean allows(Role needed) {
		return ordinal() >= needed.ordinal();
	}

	public String lowerCase() {
		return name().toLowerCase(Locale.ROOT);
	}
}
