package dev.handoff.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.handoff.inbound.InboundSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How edges treat senders.
 *
 * @param idempotencyWindow how long the first answer to an {@code Idempotency-Key} or
 * {@code webhook-id} is kept
 * @param signatures per edge, the Standard Webhooks secrets of an
 * {@code inbound=standard-webhooks} edge (the older spelling of
 * {@code inbound.<edge>.secrets})
 * @param groupCommit how the outcomes of concurrent requests share a commit
 * @param inbound per edge, the secrets its senders prove themselves with, for the kind
 * its route names ({@code inbound=})
 */
@Validated
@ConfigurationProperties("handoff.edges")
public record EdgeProperties(@DefaultValue("24h") Duration idempotencyWindow,
		@DefaultValue Map<String, Signature> signatures, @DefaultValue @Valid GroupCommit groupCommit,
		@DefaultValue Map<String, InboundSettings> inbound) {

	/**
	 * Group commit: requests that arrive while a commit is being written share the next
	 * one.
	 *
	 * @param enabled false commits each request's outcome in its own transaction, on the
	 * request's thread
	 * @param maxBatch at most this many outcomes in one commit
	 */
	public record GroupCommit(@DefaultValue("true") boolean enabled, @DefaultValue("256") @Min(1) int maxBatch) {
	}

	/**
	 * What a signed edge accepts.
	 *
	 * @param secrets the {@code whsec_...} secrets; more than one while a secret is being
	 * rotated
	 * @param tolerance how far {@code webhook-timestamp} may be from now, either way
	 */
	public record Signature(List<String> secrets, @DefaultValue("5m") Duration tolerance) {

		/** Without the secrets: settings end up in logs and failure reports. */
		@Override
		public String toString() {
			return "Signature[secrets=" + (secrets == null ? null : "[secret]") + ", tolerance=" + tolerance + "]";
		}
	}
}
