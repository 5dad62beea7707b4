/**
 * Which edges are behind the current truth of a campaign: they last delivered a message
 * built on an older brief version whose fields changed since.
 */
package dev.handoff.drift;
