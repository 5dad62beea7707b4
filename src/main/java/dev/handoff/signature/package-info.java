/**
 * Standard Webhooks signatures: HMAC-SHA256 over id, timestamp and body, with key
 * rotation.
 */
package dev.handoff.signature;
