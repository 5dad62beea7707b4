package dev.handoff.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The truth tax over a window: what came in, what bounced and why, what it took people to
 * fix, and how long edges stayed stale after late changes; per edge and campaign, per
 * edge and in all.
 *
 * @param since the window's start (counted)
 * @param until the window's end (not counted)
 * @param generatedAt when the report was made; times of edges still stale run to here
 * @param edge the edge it is narrowed to, or null for all
 * @param campaign the campaign it is narrowed to, or null for all
 * @param headline the figures that matter most, in one sentence
 * @param total all edges together
 * @param edges per edge, by name
 * @param rows per edge and campaign, by edge then campaign (no campaign last)
 * @param topErrors the most frequent error classes, at most five
 */
public record Report(Instant since, Instant until, Instant generatedAt, @Schema(nullable = true) String edge,
		@Schema(nullable = true) String campaign, String headline, Figures total, List<EdgeFigures> edges,
		List<Row> rows, List<ErrorClass> topErrors) {

	/** The errors shown as the top ones. */
	static final int TOP = 5;

	/**
	 * One edge and campaign.
	 *
	 * @param edge the edge
	 * @param campaign the campaign, null for messages that named none (e.g. not JSON)
	 * @param figures its figures
	 */
	public record Row(String edge, @Schema(nullable = true) String campaign, @JsonUnwrapped Figures figures) {
	}

	/**
	 * One edge, all its campaigns.
	 *
	 * @param edge the edge
	 * @param figures its figures
	 */
	public record EdgeFigures(String edge, @JsonUnwrapped Figures figures) {
	}

	/**
	 * One class of errors: rejects on one edge that broke one rule at one pointer.
	 *
	 * @param edge the edge
	 * @param rule the rule
	 * @param pointer where in the message ("" for the whole message)
	 * @param count rejects in the window
	 * @param cause its cause id, for {@code GET /api/rejects?cause=...}
	 * @param example the latest such reject
	 * @param message that reject's message for this violation
	 */
	public record ErrorClass(String edge, String rule, String pointer, long count, String cause, String example,
			String message) {
	}
}
