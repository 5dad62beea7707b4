/**
 * The human gates: messages held for approval and the decisions on them, each one
 * transaction with its audit row.
 */
package dev.handoff.gate;
