package dev.handoff.notify;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.handoff.delivery.SecretTargets;
import dev.handoff.delivery.Targets;
import org.springframework.stereotype.Component;

/**
 * The webhooks notices go to are secrets: a Slack incoming webhook's path is its key, and
 * anyone holding the URL can post to the channel. So the outbox keeps where a notice goes
 * as a reference, {@code https://hooks.slack.com/(notices about
 * email-campaign)}, which names the tool's host and nothing of its key, and which is
 * resolved to the edge's webhook of the day when it is sent (a webhook replaced meanwhile
 * is not called any more); and no webhook URL is shown back when one echoes it in its
 * answer.
 */
@Component
class NoticeWebhooks implements SecretTargets {

	private static final Pattern REFERENCE = Pattern.compile("(https?://[^/?#]*)/\\(notices about ([^)]*)\\)");

	private final NotifyProperties properties;

	NoticeWebhooks(NotifyProperties properties) {
		this.properties = properties;
	}

	/**
	 * What the outbox keeps as the target of a notice about the edge; null when no
	 * webhook is configured for it.
	 */
	String reference(String edge) {
		URI webhook = properties.webhookFor(edge);
		return webhook == null ? null
				: Targets.origin(webhook.toString()) + "/(notices about " + Objects.requireNonNullElse(edge, "") + ")";
	}

	@Override
	public String resolve(String stored) {
		Matcher reference = REFERENCE.matcher(stored);
		if (!reference.matches()) {
			return stored;
		}
		URI webhook = properties.webhookFor(reference.group(2));
		return webhook == null ? null : webhook.toString();
	}

	/**
	 * Each webhook whole, and its path and query, which a tool echoing the request it got
	 * shows without the host.
	 */
	@Override
	public List<String> secrets() {
		return Stream
			.concat(Stream.ofNullable(properties.webhook()),
					properties.owners().values().stream().map(NotifyProperties.Owner::webhook))
			.filter(Objects::nonNull)
			.flatMap(webhook -> Stream.of(webhook.toString(), webhook.getRawPath(), webhook.getPath(),
					webhook.getRawQuery()))
			.filter(part -> part != null && !part.isBlank() && !part.equals("/"))
			.distinct()
			.toList();
	}

}
