/**
 * The truth-tax report: what came in, what bounced and why, what fixing it took and how
 * long edges stayed stale, as text, CSV and a screen.
 */
package dev.handoff.report;
