/**
 * Review triggers: conditions on an edge, read from {@code triggers.json}, that alert its
 * owner once when crossed and again when cleared.
 */
package dev.handoff.trigger;
