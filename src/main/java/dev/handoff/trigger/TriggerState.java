package dev.handoff.trigger;

import java.time.Instant;

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
public record TriggerState(String trigger, String edge, boolean firing, Instant since, String detail, Instant changedAt) {
}
