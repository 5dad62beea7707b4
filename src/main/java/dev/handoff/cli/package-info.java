/**
 * The command line of the one jar: {@code serve} starts the service; the other commands
 * check contracts, routes and examples offline or ask a running service about its rejects
 * and report.
 */
package dev.handoff.cli;
