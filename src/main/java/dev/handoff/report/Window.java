package dev.handoff.report;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.handoff.api.BadRequest;

/**
 * The time range a report covers: everything that happened at or after {@code since} and
 * before {@code until}.
 *
 * @param since the first instant counted
 * @param until the first instant no longer counted
 */
public record Window(Instant since, Instant until) {

	/** How far back a report looks when no {@code since} is given. */
	static final String DEFAULT_SINCE = "30d";

	private static final Pattern AGO = Pattern.compile("(\\d{1,9})([dhm])");

	/**
	 * The instants an answer can carry: RFC 3339, which the report's {@code since} and
	 * {@code until} are written in, has four-digit years only.
	 */
	private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

	public Window {
		if (!since.isBefore(until)) {
			throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
		}
	}

	/**
	 * The window {@code since} to {@code until}, each given as a time back from
	 * {@code now} ({@code 30d}, {@code 12h}, {@code 90m}), a date (midnight UTC) or an
	 * instant; {@code since} defaults to 30 days back, {@code until} to now.
	 */
	public static Window parse(String since, String until, Instant now) {
		Instant end = until == null || until.isBlank() ? now : instant("until", until, now);
		Instant start = instant("since", since == null || since.isBlank() ? DEFAULT_SINCE : since, now);
		if (!start.isBefore(end)) {
			throw new BadRequest("since (" + start + ") must be before until (" + end + ")");
		}
		return new Window(start, end);
	}

	private static Instant instant(String name, String value, Instant now) {
		Instant instant = read(name, value, now);
		if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
			throw new BadRequest(name + " '" + value + "' is out of range: it must fall in the years 0001 to 9999");
		}
		return instant;
	}

	private static Instant read(String name, String value, Instant now) {
		String text = value.strip();
		Matcher ago = AGO.matcher(text);
		try {
			if (ago.matches()) {
				long n = Long.parseLong(ago.group(1));
				return now.minus(switch (ago.group(2)) {
					case "d" -> Duration.ofDays(n);
					case "h" -> Duration.ofHours(n);
					default -> Duration.ofMinutes(n);
				});
			}
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(text);
		}
		catch (DateTimeParseException | ArithmeticException e) {
			throw new BadRequest(
					name + " '" + value + "' is not a time: give days, hours or minutes back (30d, 12h, 90m), "
							+ "a date (2027-03-01, UTC) or an instant (2027-03-01T00:00:00Z)");
		}
		catch (DateTimeException e) {
			throw new BadRequest(name + " '" + value + "' is too far back");
		}
	}
}
