/**
 * Getting accepted messages to the next tool: the outbox, the dispatcher that claims due
 * rows under a lease, the http and Camel senders, retries, the tools' credentials and the
 * private-address guard.
 */
package dev.handoff.delivery;
