package dev.handoff.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Naming and UTM rules shared by all contracts ({@code contracts/taxonomy.json}).
 *
 * @param campaignTemplate how {@code utm_campaign} is made from the truth
 * @param disallowed matches a run of characters a generated UTM value may not hold
 * @param maxLength the longest generated UTM value
 * @param channels channel name to its source and medium
 * @param domains the owned domains whose links must carry UTM parameters (subdomains
 * included)
 * @param sha256 hex SHA-256 of the file
 */
public record Taxonomy(UtmTemplate campaignTemplate, Pattern disallowed, int maxLength, Map<String, Channel> channels,
		List<String> domains, String sha256) {

	private static final Pattern DASHES = Pattern.compile("-{2,}");

	private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

	/**
	 * Makes a value fit the taxonomy: disallowed characters become '-', then it is cut to
	 * the maximum length.
	 */
	public String normalise(String value) {
		String v = DASHES.matcher(disallowed.matcher(value).replaceAll("-")).replaceAll("-");
		if (v.length() > maxLength) {
			v = v.substring(0, maxLength);
		}
		return EDGE_DASHES.matcher(v).replaceAll("");
	}

	/**
	 * False when no owned domain occurs anywhere in the text, in any case: then no link
	 * in it can be to an owned host, and it need not be parsed. (Owned domains are lower
	 * case; the taxonomy refuses others.)
	 */
	public boolean mayOwn(String text) {
		for (String domain : domains) {
			if (domain.isEmpty()) {
				return true;
			}
			char first = domain.charAt(0);
			for (int i = 0; i + domain.length() <= text.length(); i++) {
				// an ASCII character that is not the domain's first in either case cannot
				// start it: skip the region compare
				char c = text.charAt(i);
				if (c < 128 && first < 128 && Character.toLowerCase(c) != Character.toLowerCase(first)) {
					continue;
				}
				if (text.regionMatches(true, i, domain, 0, domain.length())) {
					return true;
				}
			}
		}
		return false;
	}

	/** True when the host is one of the owned domains or a subdomain of one. */
	public boolean owns(String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		for (String d : domains) {
			// h ends with "." + d, without making that string for every link
			if (h.equals(d)
					|| (h.length() > d.length() && h.endsWith(d) && h.charAt(h.length() - d.length() - 1) == '.')) {
				return true;
			}
		}
		return false;
	}
}
