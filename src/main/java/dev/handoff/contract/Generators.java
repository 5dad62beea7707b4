package dev.handoff.contract;

import java.util.List;
import java.util.Set;

/**
 * The names a contract may use in {@code generate}; the guard computes each from truth
 * and taxonomy.
 */
public final class Generators {

	public static final String UTM_CAMPAIGN = "utm.campaign";

	public static final String UTM_SOURCE = "utm.source";

	public static final String UTM_MEDIUM = "utm.medium";

	/**
	 * the landing URL with the channel's utm_source, utm_medium and utm_campaign added
	 */
	public static final String TRACKED_URL = "tracked_url";

	/** {@code truth.<field>}: a truth field copied as it is */
	public static final String TRUTH_PREFIX = "truth.";

	static final List<String> FIXED = List.of(UTM_CAMPAIGN, UTM_SOURCE, UTM_MEDIUM, TRACKED_URL);

	private Generators() {
	}

	/**
	 * A sentence saying what is wrong with a generator name, or null when it is known.
	 */
	static String problem(String name, Set<String> truthFields) {
		if (FIXED.contains(name)) {
			return TRACKED_URL.equals(name) && !truthFields.contains("landing_url")
					? "generator 'tracked_url' needs a 'landing_url' truth field in the source contract" : null;
		}
		if (name.startsWith(TRUTH_PREFIX)) {
			String field = name.substring(TRUTH_PREFIX.length());
			return truthFields.contains(field) ? null : "generator '" + name + "' reads truth field '" + field
					+ "', which the source contract does not declare " + truthFields.stream().sorted().toList();
		}
		return "unknown generator '" + name + "' (known: " + String.join(", ", FIXED) + ", truth.<field>)";
	}

}
