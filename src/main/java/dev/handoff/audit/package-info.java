/**
 * The audit trail: who did what to which reject, held message or cause, appended in the
 * same transaction as the change it records.
 */
package dev.handoff.audit;
