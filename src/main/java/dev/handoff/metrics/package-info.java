/**
 * The Micrometer meters: what each edge answers and why it rejects, delivery attempts and
 * truth. The review's meters are in review, the stores' gauges in gauges.
 */
package dev.handoff.metrics;
