package dev.handoff.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How edges treat senders.
 *
 * @param idempotencyWindow how long the first answer to an {@code Idempotency-Key} or {@code webhook-id} is kept
 * @param signatures per edge, the Standard Webhooks secrets a sender must sign with (edges not listed need none)
 */
@ConfigurationProperties("handoff.edges")
public record EdgeProperties(@DefaultValue("24h") Duration idempotencyWindow, @DefaultValue Map<String, Signature> signatures) {

	/**
	 * What a signed edge accepts.
	 *
	 * @param secrets the {@code whsec_...} secrets; more than one while a secret is being rotated
	 * @param tolerance how far {@code webhook-timestamp} may be from now, either way
	 */
	public record Signature(List<String> secrets, @DefaultValue("5m") Duration tolerance) {
	}
}
