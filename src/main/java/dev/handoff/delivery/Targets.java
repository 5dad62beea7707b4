package dev.handoff.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a delivery target may be shown. Targets carry secrets in their user info
 * ({@code https://user:pass@host}), in query parameters ({@code ?api_key=...}, Camel's
 * {@code ?saslJaasConfig=...}) and, for webhooks such as Slack's incoming ones, in the
 * path itself. Every answer, screen and message that names a target takes its words from
 * here.
 */
public final class Targets {

	/**
	 * A host (name, IPv4 or bracketed IPv6) and an optional numeric port; anything else
	 * is not shown.
	 */
	private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.%]+\\]|[A-Za-z0-9._~-]+)(:[0-9]*)?");

	private static final String HIDDEN = "…";

	private static final Pattern RAW = Pattern.compile("RAW[({](.*)[)}]", Pattern.DOTALL);

	private Targets() {
	}

	/**
	 * A target for a list of edges: {@code scheme://host[:port]/path} for a URL,
	 * {@code scheme:path} for another Camel endpoint ({@code kafka:topic},
	 * {@code direct:mailchimp}); never user info, query or fragment. Null stays null.
	 */
	public static String display(String target) {
		if (target == null) {
			return null;
		}
		Parts parts = Parts.of(target);
		if (parts.authority() == null) {
			return parts.scheme() + ":" + parts.path();
		}
		// an '@' after the host when the host had none is a password with an unescaped
		// '/' in it: the path is not shown
		boolean looksLikeUserInfo = !parts.authority().contains("@") && parts.path().contains("@");
		return parts.hostPort().equals(HIDDEN) || looksLikeUserInfo
				? parts.origin() + (parts.path().isEmpty() ? "" : "/" + HIDDEN) : parts.origin() + parts.path();
	}

	/**
	 * A target for a failure or a log line: {@code scheme://host[:port]} only, which
	 * tells the tool apart but holds nothing of a webhook's secret path; another Camel
	 * endpoint as {@link #display(String)} shows it.
	 */
	public static String origin(String target) {
		if (target == null) {
			return null;
		}
		Parts parts = Parts.of(target);
		return parts.authority() == null ? parts.scheme() + ":" + parts.path() : parts.origin();
	}

	/**
	 * The host a target names ({@code mailchimp.example}); another Camel endpoint as
	 * {@link #display(String)} shows it.
	 */
	public static String host(String target) {
		if (target == null) {
			return null;
		}
		Parts parts = Parts.of(target);
		if (parts.authority() == null) {
			return parts.scheme() + ":" + parts.path();
		}
		String hostPort = parts.hostPort();
		int port = hostPort.lastIndexOf(':');
		return port > hostPort.lastIndexOf(']') ? hostPort.substring(0, port) : hostPort;
	}

	/**
	 * A target cut into what may be shown. Parsed by hand rather than with
	 * {@link java.net.URI}, which refuses many Camel endpoint URIs and would leave them
	 * unshown or, worse, shown whole in an error.
	 *
	 * @param scheme {@code https}, {@code kafka}; empty when the target has none
	 * @param authority what follows {@code //} up to the path, user info included; null
	 * for {@code scheme:path}
	 * @param path the path, without query or fragment
	 */
	private record Parts(String scheme, String authority, String path) {

		static Parts of(String raw) {
			// Camel's RAW(...) keeps an option's value as written; a target read off a
			// route file may still wear it
			Matcher wrapped = RAW.matcher(raw);
			String target = wrapped.matches() ? wrapped.group(1) : raw;
			int colon = target.indexOf(':');
			String scheme = colon < 0 ? "" : target.substring(0, colon);
			String rest = target.substring(colon + 1);
			if (!rest.startsWith("//")) {
				return new Parts(scheme, null, cut(rest, "?#"));
			}
			rest = rest.substring(2);
			int end = indexOfAny(rest, "/?#");
			String authority = end < 0 ? rest : rest.substring(0, end);
			String path = end < 0 || rest.charAt(end) != '/' ? "" : cut(rest.substring(end), "?#");
			return new Parts(scheme, authority, path);
		}

		/**
		 * The host and port, without user info; {@code …} when what is left is no host (a
		 * password with a '/' unescaped, say).
		 */
		String hostPort() {
			String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
			return HOST_PORT.matcher(hostPort).matches() ? hostPort : HIDDEN;
		}

		String origin() {
			return scheme + "://" + hostPort();
		}

		private static String cut(String text, String stops) {
			int stop = indexOfAny(text, stops);
			return stop < 0 ? text : text.substring(0, stop);
		}

		private static int indexOfAny(String text, String chars) {
			for (int i = 0; i < text.length(); i++) {
				if (chars.indexOf(text.charAt(i)) >= 0) {
					return i;
				}
			}
			return -1;
		}
	}

}
