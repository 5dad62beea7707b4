package dev.handoff.trigger;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the short durations of trigger files ({@code 90s}, {@code 15m},
 * {@code 4h}, {@code 2d}).
 */
public final class Durations {

	private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

	private Durations() {
	}

	/** The duration, or IllegalArgumentException naming the expected form. */
	public static Duration parse(String text) {
		Matcher m = SHORT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
		if (!m.matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a duration like 90s, 15m, 4h or 2d");
		}
		long n = Long.parseLong(m.group(1));
		Duration duration = switch (m.group(2)) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
		if (duration.isZero()) {
			throw new IllegalArgumentException("'" + text + "' is zero; a trigger needs a positive duration");
		}
		return duration;
	}

	public static String text(Duration d) {
		long s = d.getSeconds();
		if (s % 86_400 == 0) {
			return s / 86_400 + "d";
		}
		if (s % 3_600 == 0) {
			return s / 3_600 + "h";
		}
		if (s % 60 == 0) {
			return s / 60 + "m";
		}
		return s + "s";
	}

}
