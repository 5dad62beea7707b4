package dev.handoff.guard;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The parts of a link the guard looks at, as {@link java.net.URI} gives them. A plain
 * http(s) link is read by a short scan, which gives the same parts, since parsing each
 * link with URI was the largest part of the link check; anything less plain (a port, user
 * info, an IP address, any other character) is still left to URI.
 *
 * @param scheme as written, null when there is none
 * @param host as written, null when there is no server host
 * @param rawQuery the query as written, without '?'; null when there is none
 */
record LinkUrl(String scheme, String host, String rawQuery) {

	/**
	 * Characters URI takes unescaped in a path, query and fragment (besides letters and
	 * digits).
	 */
	private static final String PLAIN = "-_.!~*'();/:@&=+$,";

	/** The parts of a URI reference, or null when java.net.URI refuses it. */
	static LinkUrl parse(String link) {
		LinkUrl plain = plainHttp(link);
		if (plain != null) {
			return plain;
		}
		try {
			URI uri = new URI(link);
			return new LinkUrl(uri.getScheme(), uri.getHost(), uri.getRawQuery());
		}
		catch (URISyntaxException e) {
			return null;
		}
	}

	/**
	 * {@code http(s)://host[path][?query][#fragment]} where the host is a plain name
	 * (labels of letters, digits and inner '-', each starting with a letter, no trailing
	 * dot) and the rest holds only characters URI takes unescaped or %XX; else null, and
	 * URI decides.
	 */
	static LinkUrl plainHttp(String link) {
		int colon = startsWithAsciiIgnoreCase(link, "http://") ? 4
				: startsWithAsciiIgnoreCase(link, "https://") ? 5 : -1;
		if (colon < 0) {
			return null;
		}
		int hostStart = colon + 3;
		int hostEnd = hostStart;
		while (hostEnd < link.length() && "/?#".indexOf(link.charAt(hostEnd)) < 0) {
			hostEnd++;
		}
		if (!plainHostName(link, hostStart, hostEnd)) {
			return null;
		}
		int query = -1;
		int fragment = -1;
		for (int i = hostEnd; i < link.length(); i++) {
			char c = link.charAt(i);
			if (c == '#') {
				if (fragment >= 0) {
					return null;
				}
				fragment = i;
			}
			else if (c == '?') {
				query = query < 0 && fragment < 0 ? i : query;
			}
			else if (c == '%') {
				if (i + 2 >= link.length() || !hex(link.charAt(i + 1)) || !hex(link.charAt(i + 2))) {
					return null;
				}
				i += 2;
			}
			else if (!asciiLetterOrDigit(c) && PLAIN.indexOf(c) < 0) {
				return null;
			}
		}
		String rawQuery = query < 0 ? null : link.substring(query + 1, fragment < 0 ? link.length() : fragment);
		return new LinkUrl(link.substring(0, colon), link.substring(hostStart, hostEnd), rawQuery);
	}

	private static boolean plainHostName(String s, int start, int end) {
		int label = start;
		for (int i = start; i <= end; i++) {
			if (i < end && s.charAt(i) != '.') {
				if (!asciiLetterOrDigit(s.charAt(i)) && s.charAt(i) != '-') {
					return false;
				}
			}
			else if (i == label || !asciiLetterOrDigit(s.charAt(i - 1)) || !asciiLetter(s.charAt(label))) {
				return false; // an empty label, one that ends in '-', or one that starts
								// with a digit or '-'
			}
			else {
				label = i + 1;
			}
		}
		return true;
	}

	private static boolean startsWithAsciiIgnoreCase(String s, String lowerCasePrefix) {
		if (s.length() < lowerCasePrefix.length()) {
			return false;
		}
		for (int i = 0; i < lowerCasePrefix.length(); i++) {
			char c = s.charAt(i);
			char p = lowerCasePrefix.charAt(i);
			if (c != p && c != Character.toUpperCase(p)) {
				return false;
			}
		}
		return true;
	}

	private static boolean asciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean asciiLetterOrDigit(char c) {
		return asciiLetter(c) || (c >= '0' && c <= '9');
	}

	private static boolean hex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}
