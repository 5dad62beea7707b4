/**
 * What the review API answers with besides its data: RFC 9457 problem details, the
 * exceptions that become them, and the OpenAPI description.
 */
package dev.handoff.api;
