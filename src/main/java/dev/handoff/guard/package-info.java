/**
 * Judging one message against its contract, storing and sending nothing: size, strict
 * parse, schema, truth, links and gate, ending in a {@code Verdict}.
 */
package dev.handoff.guard;
