package dev.handoff.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

/**
 * How the report's figures read for a person: durations, rates, rules and the headline,
 * the same in the text form and the UI.
 */
public final class Words {

	/**
	 * Shown where a figure has no value (a rate without messages, a median without
	 * cases).
	 */
	public static final String NONE = "-";

	private Words() {
	}

	/**
	 * A duration in its two largest units, rounded down: {@code 45 s}, {@code 38 min},
	 * {@code 2 h 5 min}, {@code 3 d 4 h}.
	 */
	public static String duration(Long seconds) {
		if (seconds == null) {
			return NONE;
		}
		long s = seconds;
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return s / 60 + " min";
		}
		if (s < 86400) {
			return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
		}
		return s / 86400 + " d" + (s % 86400 / 3600 == 0 ? "" : " " + s % 86400 / 3600 + " h");
	}

	/** A rate in whole percent, rounded down, so that 100 % means every one. */
	public static String percent(Figures f) {
		Long percent = f.firstTimeRightPercent();
		return percent == null ? NONE : percent + " %";
	}

	/** Rejects per rule: {@code must-match 2, parse 1}, by rule name. */
	public static String rules(Figures f) {
		StringJoiner rules = new StringJoiner(", ").setEmptyValue(NONE);
		f.rejectsByRule().forEach((rule, n) -> rules.add(rule + " " + n));
		return rules.toString();
	}

	/**
	 * Why a report starts later than asked: the delivered messages it counts are kept for
	 * {@code keep}.
	 */
	static String keptSince(Instant since, Duration keep) {
		return "From " + since.truncatedTo(ChronoUnit.SECONDS) + " only: delivered messages are kept for " + days(keep)
				+ ".";
	}

	/** A retention as people say it: {@code 90 days}, else in its two largest units. */
	static String days(Duration keep) {
		return keep.toSeconds() % 86400 == 0 ? keep.toDays() + (keep.toDays() == 1 ? " day" : " days")
				: duration(keep.toSeconds());
	}

	/** The sentence a lead takes to a meeting. */
	static String headline(Figures total) {
		if (total.messages() == 0 && total.rejects() == 0) {
			return "No messages in this window.";
		}
		StringBuilder line = new StringBuilder();
		if (total.messages() > 0) {
			line.append(percent(total)).append(" of messages arrived right the first time; ");
		}
		line.append(total.rejects() == 0 ? "none needed rework" : total.rejects() + " needed rework");
		if (total.rework().fixed() > 0) {
			line.append("; fixes took ").append(duration(total.timeToFix().medianSeconds())).append(" (median)");
		}
		else if (total.rejects() > 0) {
			line.append("; none was fixed yet");
		}
		if (total.timeStale().count() > 0) {
			line.append("; after late changes, edges stayed stale ")
				.append(duration(total.timeStale().medianSeconds()))
				.append(" (median)");
		}
		return line.append('.').toString();
	}

}
