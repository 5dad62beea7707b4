package dev.handoff.notify;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Handoff tells people about late changes and incidents, and who owns each edge.
 *
 * @param webhook the default webhook for notices and alerts (a Slack incoming webhook, a
 * task tool's inbound hook); none turns notices off for edges whose owner has no webhook
 * of their own
 * @param baseUrl how people reach this service, for the links in notices (e.g.
 * https://handoff.example.com)
 * @param owners per edge, who owns it and where to reach them
 */
@ConfigurationProperties("handoff.notify")
public record NotifyProperties(URI webhook, @DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue Map<String, Owner> owners) {

	public NotifyProperties {
		// an unset environment variable binds as an empty URI, which means none
		webhook = webhook == null || webhook.toString().isBlank() ? null : webhook;
	}

	/**
	 * The owner of an edge.
	 *
	 * @param name a person or team, e.g. "Email team"
	 * @param contact how to reach them besides the webhook, e.g. "#email-ops" or an
	 * address; shown in notices
	 * @param webhook their own webhook; the default one when null
	 */
	public record Owner(String name, String contact, URI webhook) {

		public Owner {
			webhook = webhook == null || webhook.toString().isBlank() ? null : webhook;
		}
	}

	/** The owner of an edge, or an unnamed one when none is configured. */
	public Owner owner(String edge) {
		Owner owner = owners.get(edge);
		return owner != null ? owner : new Owner(null, null, null);
	}

	/**
	 * Where notices about an edge go: its owner's webhook, else the default; null when
	 * neither is set.
	 */
	public URI webhookFor(String edge) {
		Owner owner = owners.get(edge);
		return owner != null && owner.webhook() != null ? owner.webhook() : webhook;
	}
}
