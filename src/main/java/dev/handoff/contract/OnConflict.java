package dev.handoff.contract;

/** What the guard does when a sender typed a value that should have been generated. */
public enum OnConflict {

	/** the message is rejected with {@code generated-mismatch} */
	REJECT,
	/** the typed value is replaced by the generated one */
	OVERWRITE

}
