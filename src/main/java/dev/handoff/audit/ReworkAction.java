package dev.handoff.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person did to a reject, as the audit trail records it: the review writes these
 * and the report counts them.
 */
public enum ReworkAction {

	/** replayed as stored */
	REPLAY,
	/** replayed with a correction */
	EDIT,
	/** taken out of the queue with a reason */
	DISCARD;

	/** {@code replay}, {@code edit} or {@code discard}: the audit trail's action. */
	public String lowerCase() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action an audit row names; empty for any other action. */
	public static Optional<ReworkAction> of(String action) {
		for (ReworkAction rework : values()) {
			if (rework.lowerCase().equals(action)) {
				return Optional.of(rework);
			}
		}
		return Optional.empty();
	}

}
