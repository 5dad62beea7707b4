package dev.handoff.guard;

/**
 * The rule names a violation can carry; {@code schema:<keyword>} is built from Everit's
 * keyword.
 */
public final class Rules {

	public static final String PARSE = "parse";

	public static final String TOO_LARGE = "too-large";

	public static final String SCHEMA_PREFIX = "schema:";

	public static final String MUST_MATCH = "must-match";

	public static final String GENERATED_MISMATCH = "generated-mismatch";

	public static final String STALE_VERSION = "stale-version";

	public static final String UNKNOWN_VERSION = "unknown-version";

	public static final String UNKNOWN_CAMPAIGN = "unknown-campaign";

	public static final String LINK_UTM = "link-utm";

	public static final String DELIVERY = "delivery";

	/**
	 * A value the next tool's address is built from ({@code deliverTo=.../{/pointer}}).
	 */
	public static final String TARGET_PART = "target-part";

	public static final String DECLINED = "declined";

	private Rules() {
	}

}
