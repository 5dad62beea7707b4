/**
 * Who may send to each edge: the verifiers for bearer, basic, API key, HMAC, Standard
 * Webhooks and Segment credentials, checked before a message is stored.
 */
package dev.handoff.inbound;
