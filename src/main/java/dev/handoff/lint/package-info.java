/**
 * Checking contracts and routes before they run, and running the example messages beside
 * the contracts through the same guard, in memory.
 */
package dev.handoff.lint;
