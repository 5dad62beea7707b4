package dev.handoff.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.handoff.contract.LinkMode;
import dev.handoff.contract.Taxonomy;

/**
 * Holds the links in an HTML or URL field against the channel's UTM values. Only links to owned
 * domains are looked at; a rewrite touches nothing but the query of those links, so the rest of the
 * HTML, other parameters and fragments stay byte for byte as they were.
 */
final class LinkCheck {

	private static final Pattern HREF = Pattern.compile("<(?:a|area)\\b[^>]*?\\shref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private LinkCheck() {
	}

	/** The field's new text (the same string when nothing was added) and the violations found. */
	record Outcome(String text, List<Violation> violations) {
	}

	static Outcome check(String pointer, String text, LinkMode mode, UtmValues utm, Taxonomy taxonomy) {
		List<Violation> violations = new ArrayList<>();
		if (!text.contains("<")) {
			return new Outcome(link(pointer, text.strip(), false, mode, utm, taxonomy, violations, text), violations);
		}
		Matcher m = HREF.matcher(text);
		StringBuilder out = new StringBuilder(text.length() + 256);
		int at = 0;
		for (int from = 0; find(m, text, from); from = m.end()) {
			int group = m.group(1) != null ? 1 : 2;
			String href = m.group(group);
			String rewritten = link(pointer, href, true, mode, utm, taxonomy, violations, href);
			out.append(text, at, m.start(group)).append(rewritten);
			at = m.end(group);
		}
		if (at == 0) {
			return new Outcome(text, violations);
		}
		out.append(text, at, text.length());
		String result = out.toString();
		return new Outcome(result.equals(text) ? text : result, violations);
	}

	/**
	 * Finds the next {@code <a} or {@code <area} tag with an href at or after {@code from}, as {@code m.find()} would, but
	 * quicker: every match starts with '<' and an 'a', so the pattern is tried only there (a case-insensitive pattern is
	 * otherwise tried at every character, the guard's largest cost on a large email).
	 */
	private static boolean find(Matcher m, String text, int from) {
		for (int lt = text.indexOf('<', from); lt >= 0 && lt + 1 < text.length(); lt = text.indexOf('<', lt + 1)) {
			char c = text.charAt(lt + 1);
			if ((c == 'a' || c == 'A') && m.region(lt, text.length()).lookingAt()) {
				return true;
			}
		}
		return false;
	}

	private static String link(String pointer, String href, boolean html, LinkMode mode, UtmValues utm, Taxonomy taxonomy,
			List<Violation> violations, String unchanged) {
		if (!taxonomy.mayOwn(href)) {
			return unchanged; // no owned domain anywhere in it: not a link to check, and no need to parse it
		}
		String plain = html ? href.replace("&amp;", "&") : href;
		URI uri;
		try {
			uri = new URI(plain);
		}
		catch (URISyntaxException e) {
			return unchanged; // merge tags such as *|UNSUB|* and other non-URLs are not links to check
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!(scheme.equals("http") || scheme.equals("https")) || !taxonomy.owns(uri.getHost())) {
			return unchanged;
		}
		Map<String, String> present = query(uri.getRawQuery());
		StringBuilder added = new StringBuilder();
		utm.parameters().forEach((name, expected) -> {
			String actual = present.get(name);
			if (actual == null && mode == LinkMode.REWRITE) {
				added.append(added.isEmpty() ? "" : html ? "&amp;" : "&").append(name).append('=').append(utm.encoded(name));
			}
			else if (actual == null) {
				violations.add(Violations.linkMissing(pointer, plain, name, expected));
			}
			else if (!actual.equals(expected)) {
				violations.add(Violations.linkWrong(pointer, plain, name, expected, actual));
			}
		});
		return added.isEmpty() ? unchanged : insertQuery(href, added.toString(), html);
	}

	/** Adds parameters at the end of the query, before any fragment. */
	static String insertQuery(String href, String parameters, boolean html) {
		int hash = href.indexOf('#');
		String base = hash < 0 ? href : href.substring(0, hash);
		String fragment = hash < 0 ? "" : href.substring(hash);
		String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : html ? "&amp;" : "&";
		return base + separator + parameters + fragment;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> parameters = new HashMap<>();
		if (raw == null) {
			return parameters;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			parameters.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
		}
		return parameters;
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}
}
