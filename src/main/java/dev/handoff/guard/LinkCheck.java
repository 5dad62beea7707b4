package dev.handoff.guard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.handoff.contract.LinkMode;
import dev.handoff.contract.Taxonomy;

/**
 * Holds the links in an HTML or URL field against the channel's UTM values. Only links to
 * owned domains are looked at; a rewrite touches nothing but the query of those links, so
 * the rest of the HTML, other parameters and fragments stay byte for byte as they were.
 */
final class LinkCheck {

	private LinkCheck() {
	}

	/**
	 * The field's new text (the same string when nothing was added) and the violations
	 * found.
	 */
	record Outcome(String text, List<Violation> violations) {
	}

	static Outcome check(String pointer, String text, LinkMode mode, UtmValues utm, Taxonomy taxonomy) {
		List<Violation> violations = new ArrayList<>();
		if (!text.contains("<")) {
			return new Outcome(link(pointer, text.strip(), text.strip(), false, mode, utm, taxonomy, violations, text),
					violations);
		}
		if (!containsHref(text)) {
			return new Outcome(text, violations); // no link at all (an attribute's name
													// is never written with entities)
		}
		// the copy is made only once a link changes: most HTML fields go on as they came
		StringBuilder out = null;
		int at = 0;
		for (Hrefs.Href h : Hrefs.all(text)) {
			String href = text.substring(h.start(), h.end());
			String rewritten = link(pointer, href, h.url(), true, mode, utm, taxonomy, violations, href);
			if (rewritten != href) {
				out = out == null ? new StringBuilder(text.length() + 256) : out;
				out.append(text, at, h.start()).append(rewritten);
				at = h.end();
			}
		}
		if (out == null) {
			return new Outcome(text, violations);
		}
		out.append(text, at, text.length());
		String result = out.toString();
		return new Outcome(result.equals(text) ? text : result, violations);
	}

	/**
	 * @param href the link as written in the field (in HTML, entities not decoded)
	 * @param plain the link as a browser reads it (in HTML, entities decoded)
	 */
	private static String link(String pointer, String href, String plain, boolean html, LinkMode mode, UtmValues utm,
			Taxonomy taxonomy, List<Violation> violations, String unchanged) {
		LinkUrl url = owned(plain, taxonomy);
		if (url == null) {
			return unchanged;
		}
		String query = url.rawQuery();
		StringBuilder added = new StringBuilder();
		for (UtmValues.Parameter parameter : utm.list()) {
			String actual = firstValue(query, parameter.name());
			if (actual == null && mode == LinkMode.REWRITE) {
				added.append(added.isEmpty() ? "" : html ? "&amp;" : "&")
					.append(parameter.name())
					.append('=')
					.append(parameter.encoded());
			}
			else if (actual == null) {
				violations.add(Violations.linkMissing(pointer, plain, parameter.name(), parameter.value()));
			}
			else if (!actual.equals(parameter.value())) {
				violations.add(Violations.linkWrong(pointer, plain, parameter.name(), parameter.value(), actual));
			}
		}
		return added.isEmpty() ? unchanged : insertQuery(href, added.toString(), html);
	}

	/**
	 * The link parsed when it is a web link to an owned domain, the only links held to
	 * the UTM values; else null.
	 */
	private static LinkUrl owned(String plain, Taxonomy taxonomy) {
		if (!taxonomy.mayOwn(plain)) {
			return null; // no owned domain anywhere in it: not a link to check, and no
							// need to parse it
		}
		LinkUrl url = LinkUrl.parse(plain);
		if (url == null) {
			return null; // merge tags such as *|UNSUB|* and other non-URLs are not links
							// to check
		}
		String scheme = url.scheme() == null ? "" : url.scheme().toLowerCase(Locale.ROOT);
		// a protocol-relative link (//host/path) goes where its page's scheme goes: to
		// the owned host all the same
		boolean web = scheme.equals("http") || scheme.equals("https") || (scheme.isEmpty() && plain.startsWith("//"));
		return web && url.host() != null && taxonomy.owns(url.host()) ? url : null;
	}

	/**
	 * The field's text with every owned link carrying exactly the channel's UTM values: a
	 * wrong value is taken out, then the missing ones are added by the rewrite mode's own
	 * code. This is the fix a person is offered for link-utm violations; the guard never
	 * replaces a wrong value on its own, since someone may have chosen it and must
	 * confirm.
	 */
	static String tagged(String pointer, String text, UtmValues utm, Taxonomy taxonomy) {
		String cleared;
		if (!text.contains("<")) {
			cleared = withoutWrong(text.strip(), text.strip(), utm, taxonomy);
		}
		else {
			StringBuilder out = new StringBuilder(text.length());
			int at = 0;
			for (Hrefs.Href h : Hrefs.all(text)) {
				out.append(text, at, h.start())
					.append(withoutWrong(text.substring(h.start(), h.end()), h.url(), utm, taxonomy));
				at = h.end();
			}
			cleared = out.append(text, at, text.length()).toString();
		}
		return check(pointer, cleared, LinkMode.REWRITE, utm, taxonomy).text();
	}

	/**
	 * The link as written without each UTM parameter whose value is not the channel's
	 * (every pair of that name goes).
	 */
	private static String withoutWrong(String href, String plain, UtmValues utm, Taxonomy taxonomy) {
		LinkUrl url = owned(plain, taxonomy);
		if (url == null) {
			return href;
		}
		String result = href;
		for (UtmValues.Parameter parameter : utm.list()) {
			String actual = firstValue(url.rawQuery(), parameter.name());
			if (actual != null && !actual.equals(parameter.value())) {
				result = withoutParameter(result, parameter.name());
			}
		}
		return result;
	}

	/**
	 * The link without any pair called {@code name}; the other pairs, their separators
	 * ("&" or "&amp;") and the fragment stay.
	 */
	static String withoutParameter(String href, String name) {
		int question = href.indexOf('?');
		if (question < 0) {
			return href;
		}
		int hash = href.indexOf('#', question);
		int end = hash < 0 ? href.length() : hash;
		String query = href.substring(question + 1, end);
		String separator = query.contains("&amp;") ? "&amp;" : "&";
		StringBuilder kept = new StringBuilder();
		for (String pair : query.split("&(?:amp;)?", -1)) {
			int eq = pair.indexOf('=');
			if (!decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
				kept.append(kept.isEmpty() ? "" : separator).append(pair);
			}
		}
		return href.substring(0, question) + (kept.isEmpty() ? "" : "?" + kept) + href.substring(end);
	}

	/**
	 * Whether "href" stands anywhere, in any case, looked for without copying the field.
	 */
	private static boolean containsHref(String text) {
		for (int i = text.indexOf('=') < 0 ? -1 : 0; i >= 0 && i <= text.length() - 4; i++) {
			if (text.regionMatches(true, i, "href", 0, 4)) {
				return true;
			}
		}
		return false;
	}

	/** Adds parameters at the end of the query, before any fragment. */
	static String insertQuery(String href, String parameters, boolean html) {
		int hash = href.indexOf('#');
		String base = hash < 0 ? href : href.substring(0, hash);
		String fragment = hash < 0 ? "" : href.substring(hash);
		String separator = !base.contains("?") ? "?"
				: base.endsWith("?") || base.endsWith("&") ? "" : html ? "&amp;" : "&";
		return base + separator + parameters + fragment;
	}

	/**
	 * The decoded value of the first parameter called {@code name} in a raw query (""
	 * when it has no '='), or null when there is none. Only the names are decoded on the
	 * way, not every value into a map.
	 */
	static String firstValue(String raw, String name) {
		if (raw == null) {
			return null;
		}
		for (int start = 0;;) {
			int amp = raw.indexOf('&', start);
			int end = amp < 0 ? raw.length() : amp;
			int eq = start;
			while (eq < end && raw.charAt(eq) != '=') {
				eq++; // within this pair only: an indexOf to the end for every pair would
						// be quadratic in a long query
			}
			boolean hasValue = eq < end;
			if (decode(raw.substring(start, hasValue ? eq : end)).equals(name)) {
				return hasValue ? decode(raw.substring(eq + 1, end)) : "";
			}
			if (amp < 0) {
				return null;
			}
			start = amp + 1;
		}
	}

	private static String decode(String s) {
		if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
			return s; // what URLDecoder returns for it, without copying it char by char
		}
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}

}
