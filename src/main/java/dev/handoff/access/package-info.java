/**
 * Who may call the review API: bearer tokens (configured by their SHA-256 only), their
 * roles, and the filter in front of {@code /api/}.
 */
package dev.handoff.access;
