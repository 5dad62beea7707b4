package dev.handoff.diff;

/** Who a change between two versions of a contract can hurt. */
public enum Impact {

	/** a message that was valid is rejected now */
	BREAKING_FOR_SENDERS("BREAKING for senders"),
	/**
	 * a message that was rejected is accepted now, or a generated value changes so
	 * reports split
	 */
	BREAKING_FOR_RECEIVERS("BREAKING for receivers"),
	/** no message changes its fate */
	SAFE("safe");

	private final String words;

	Impact(String words) {
		this.words = words;
	}

	public String words() {
		return words;
	}

	public boolean breaking() {
		return this != SAFE;
	}

}
