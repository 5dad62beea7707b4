/**
 * What waits in the store, as gauges counted again every {@code handoff.metrics.refresh}:
 * outbox rows by state and age, open rejects and held messages per edge. It reads the
 * stores of the other packages; none of them reads it.
 */
package dev.handoff.gauges;
