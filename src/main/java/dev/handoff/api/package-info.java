/**
 * What the review API answers with besides its data: RFC 9457 problem details, the
 * exceptions that become them, and one page of a list. It uses no other Handoff package,
 * so every controller may use it.
 */
package dev.handoff.api;
