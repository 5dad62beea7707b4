package dev.handoff.trigger;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One review trigger from {@code triggers.json}: a condition on an edge that, once
 * crossed, alerts the edge's owner (once per incident) and tells them again when it
 * clears.
 *
 * @param name a unique name, e.g. {@code reject-burst}
 * @param when what it watches: {@code rejects} (more than {@code threshold} rejects
 * within {@code window}), {@code open-reject-age}, {@code outbox-age} or
 * {@code drift-age} (the oldest is older than {@code olderThan})
 * @param edge the edge it watches; null for every edge
 * @param threshold for {@code rejects}: the count that must be exceeded
 * @param window for {@code rejects}: how far back to count
 * @param olderThan for the age kinds: the age that must be exceeded
 */
public record Trigger(String name, Kind when, @Schema(nullable = true) String edge, int threshold,
		@Schema(nullable = true) Duration window, @Schema(nullable = true) Duration olderThan) {

	/**
	 * What a trigger watches; written in {@code triggers.json} and answered as its
	 * {@link #value()}.
	 */
	public enum Kind {

		/** more than a threshold of rejects within a window */
		REJECTS("rejects"),
		/** the oldest open reject is older than a limit */
		OPEN_REJECT_AGE("open-reject-age"),
		/** the oldest undelivered message is older than a limit */
		OUTBOX_AGE("outbox-age"),
		/** the oldest drift is older than a limit */
		DRIFT_AGE("drift-age");

		private final String value;

		Kind(String value) {
			this.value = value;
		}

		/** As written in {@code triggers.json}, e.g. {@code open-reject-age}. */
		@JsonValue
		public String value() {
			return value;
		}

		/** The kind a value of {@code when} names; empty for any other text. */
		public static Optional<Kind> of(String value) {
			for (Kind kind : values()) {
				if (kind.value.equals(value)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}

	}

	/** Whether it watches that edge. */
	public boolean watches(String edgeName) {
		return edge == null || edge.equals(edgeName);
	}

	/** The condition in words, for alerts. */
	public String condition() {
		return switch (when) {
			case REJECTS -> "more than " + threshold + " rejects within " + Durations.text(window);
			case OPEN_REJECT_AGE -> "a reject open for more than " + Durations.text(olderThan);
			case OUTBOX_AGE -> "a message waiting for delivery for more than " + Durations.text(olderThan);
			case DRIFT_AGE -> "a campaign behind its brief for more than " + Durations.text(olderThan);
		};
	}
}
