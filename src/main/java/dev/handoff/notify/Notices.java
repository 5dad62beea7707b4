package dev.handoff.notify;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends a notice about an edge to its owner's webhook through the outbox, so that it is
 * as durable as any delivered message: written in the caller's transaction, retried, and
 * a {@code delivery} reject when it never arrives.
 */
@Service
public class Notices {

	/**
	 * The outbox's edge name for notices;
	 * {@code handoff.delivery.edges.notices.retry-waits} sets their retries.
	 */
	public static final String EDGE = "notices";

	private static final Logger log = LoggerFactory.getLogger(Notices.class);

	private final NotifyProperties properties;

	private final NoticeWebhooks webhooks;

	private final Dispatcher dispatcher;

	private final ObjectMapper mapper;

	Notices(NotifyProperties properties, NoticeWebhooks webhooks, Dispatcher dispatcher, ObjectMapper mapper) {
		this.properties = properties;
		this.webhooks = webhooks;
		this.dispatcher = dispatcher;
		this.mapper = mapper;
	}

	/**
	 * Queues a notice about an edge; false when no webhook is configured for it (then it
	 * is only logged).
	 * @param kind what it is about ({@code late-change}, {@code alert},
	 * {@code resolved}), kept as the outbox's contract name
	 */
	public boolean send(String kind, String edge, String campaign, ObjectNode message) {
		// the webhook's URL is its key: the outbox keeps a reference to it, resolved only
		// to send
		String webhook = webhooks.reference(edge);
		if (webhook == null) {
			log.info(
					"No webhook for {} notices about edge {} (handoff.notify.webhook or handoff.notify.owners.{}.webhook): {}",
					kind, edge, edge, message.path("text").asText());
			return false;
		}
		byte[] payload;
		try {
			payload = mapper.writeValueAsBytes(message);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a JSON tree always serialises", e);
		}
		dispatcher.store(OutboxEntry.pending(UUID.randomUUID().toString(), EDGE, kind, "0".repeat(64), campaign, null,
				webhook, payload));
		return true;
	}

	public NotifyProperties.Owner owner(String edge) {
		return properties.owner(edge);
	}

	/** A link into this service's UI, for a notice. */
	public String link(String path) {
		return properties.baseUrl().replaceAll("/+$", "") + path;
	}

}
