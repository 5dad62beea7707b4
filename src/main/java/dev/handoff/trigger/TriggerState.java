package dev.handoff.trigger;

import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a trigger stands on one edge.
 *
 * @param trigger the trigger's name
 * @param edge the edge
 * @param firing whether its condition holds now
 * @param since when it started firing (null when it is not)
 * @param detail what was measured when it last changed
 * @param changedAt when it last changed
 */
public record TriggerState(String trigger, String edge, boolean firing, @Schema(nullable = true) Instant since,
		@Schema(nullable = true) String detail, Instant changedAt) {
}
