/**
 * The Micrometer meters: what each edge answers and why it rejects, delivery attempts,
 * replays, truth and the gauges of the stores.
 */
package dev.handoff.metrics;
