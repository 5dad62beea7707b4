/**
 * Campaign truth: the fields each brief version declared, the version history, and what
 * the tools made for a campaign (the artifacts a route remembers).
 */
package dev.handoff.truth;
