/**
 * The rejected queue: each reject stored as received with its violations, the causes they
 * are grouped into with their counts, and the read side of the API.
 */
package dev.handoff.reject;
