/**
 * Strict JSON reading (no duplicate keys, bounded depth and number length) and the bridge
 * to the org.json values the schema validator takes.
 */
package dev.handoff.json;
