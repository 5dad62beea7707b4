package dev.handoff.cli;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a command reaches a running service: {@code --url}, {@code --token},
 * {@code --timeout}, {@code --json}.
 */
class ServiceOptions {

	static final String DEFAULT_URL = "http://localhost:8080";

	@Option(names = "--url", paramLabel = "URL",
			description = "the service (default: $HANDOFF_URL or " + DEFAULT_URL + ")")
	String url;

	// never given a defaultValue: picocli could then show it in --help
	@Option(names = "--token", paramLabel = "TOKEN",
			description = "bearer token for the review API (default: $HANDOFF_TOKEN; prefer the variable, a command line is visible to other users)")
	String token;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
			description = "how long to wait to connect and for an answer, e.g. 10s, 500ms, 2m (default: ${DEFAULT-VALUE})")
	Duration timeout;

	@Option(names = "--json", description = "print the service's JSON answer as is, pretty, for scripts")
	boolean json;

	/**
	 * A client for the URL and token given, or else those in the environment; a URL that
	 * cannot be one is bad usage.
	 */
	ReviewClient client(Function<String, String> env) {
		String base = or(url, env.apply("HANDOFF_URL"), DEFAULT_URL);
		URI uri;
		try {
			uri = URI.create(base);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("--url '" + base + "' is not a URL: " + e.getMessage());
		}
		if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"--url '" + base + "' must be an http or https URL such as " + DEFAULT_URL);
		}
		return new ReviewClient(uri, or(token, env.apply("HANDOFF_TOKEN"), null), timeout);
	}

	private static String or(String given, String fromEnv, String fallback) {
		if (given != null && !given.isBlank()) {
			return given;
		}
		return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
	}

	/**
	 * {@code 500ms}, {@code 10s}, {@code 2m}, a bare number of seconds, or ISO-8601
	 * ({@code PT10S}); more than zero.
	 */
	static final class DurationConverter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			String v = value.trim().toLowerCase(Locale.ROOT);
			Duration duration;
			try {
				if (v.startsWith("pt")) {
					duration = Duration.parse(v);
				}
				else if (v.endsWith("ms")) {
					duration = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
				}
				else if (v.endsWith("s")) {
					duration = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
				}
				else if (v.endsWith("m")) {
					duration = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
				}
				else {
					duration = Duration.ofSeconds(Long.parseLong(v));
				}
			}
			catch (NumberFormatException | DateTimeParseException e) {
				throw new TypeConversionException("'" + value + "' is not a duration such as 10s, 500ms or 2m");
			}
			if (duration.isZero() || duration.isNegative()) {
				throw new TypeConversionException("'" + value + "' must be more than zero");
			}
			return duration;
		}

	}

}
