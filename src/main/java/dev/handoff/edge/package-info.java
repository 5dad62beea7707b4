/**
 * The edges: the HTTP door ({@code EdgeEntryFilter}), the route files and the
 * {@code handoff:} Camel component with its guard, accept, batch and check steps, the
 * group commit of outcomes, and the replay of rejects through a route's own steps.
 */
package dev.handoff.edge;
