package dev.handoff.guard;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.ContractSet;
import dev.handoff.lint.MemoryTruth;

/**
 * Tracking events and email campaigns for the shipped contracts, made from their good
 * examples: free text in every script and with every character JSON escapes, the parts
 * the guard generates missing, empty, partly there or already right, links that need UTM
 * parameters or not, extra properties of every JSON type, and keys in any order. Most are
 * accepted; some break a rule on purpose, so rejected ones are compared too.
 */
final class Corpus {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String[] CHARACTERS = { "a", "Z", "0", " ", "-", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
			"\u0001", "\u000b", "\u001f", "\u007f", "\u00e9", "\u00df", "\u20ac", "\u2028", "\ud83d\ude00", "<", ">",
			"&", "'", "=", "?", "\u4e2d", "\u0627" };

	static final String UTM_CAMPAIGN = "spring-sale-2027-c-1001";

	private Corpus() {
	}

	static JsonNode trackingEvent(Random random) {
		ObjectNode event = ForwardedBytesTest.example("tracking-event", "01-good-click.json");
		if (random.nextInt(6) == 0) {
			event.putNull("userId");
			event.put("anonymousId", text(random, 1));
		}
		else {
			event.put("userId", text(random, 1));
		}
		event.put("messageId", text(random, 0));
		ObjectNode properties = (ObjectNode) event.get("properties");
		properties.put("email_subject", text(random, 0));
		properties.put("link_url", switch (random.nextInt(5)) {
			case 0 -> "https://shop.example.com/spring-sale-2027";
			case 1 -> "https://help.example.org/returns?x=" + random.nextInt(100);
			default -> properties.get("link_url").textValue();
		});
		ObjectNode context = (ObjectNode) event.get("context");
		switch (random.nextInt(7)) {
			case 0 -> context.putObject("campaign");
			case 1 -> context.putObject("campaign").put("term", text(random, 0));
			case 2 -> context.putObject("campaign").put("name", UTM_CAMPAIGN).put("content", text(random, 0));
			case 3 -> context.putNull("campaign");
			case 4 -> context.removeAll();
			default -> {
			}
		}
		extras(random, event);
		extras(random, properties);
		extras(random, context);
		return shuffled(random, event);
	}

	static JsonNode emailCampaign(Random random) {
		ObjectNode email = ForwardedBytesTest.example("email-campaign", "01-good-campaign.json");
		ObjectNode settings = (ObjectNode) email.get("settings");
		settings.put("subject_line", text(random, 1));
		settings.put("preview_text", text(random, 0));
		settings.put("from_name", text(random, 1));
		switch (random.nextInt(6)) {
			case 0 -> email.remove("tracking");
			case 1 -> email.putObject("tracking");
			case 2 -> ((ObjectNode) email.get("tracking")).put("google_analytics", UTM_CAMPAIGN);
			case 3 -> email.putNull("tracking");
			default -> {
			}
		}
		((ObjectNode) email.get("content")).put("html", html(random));
		if (random.nextInt(8) == 0) {
			((ObjectNode) email.get("handoff")).put("regulated_offer", random.nextBoolean());
		}
		extras(random, email);
		extras(random, settings);
		extras(random, (ObjectNode) email.get("content"));
		return shuffled(random, email);
	}

	private static String html(Random random) {
		String[] links = { "https://shop.example.com/p/" + random.nextInt(50),
				"https://shop.example.com/p?ref=mail&amp;x=1", "https://www.example.com/spring?ref=hero#top",
				"https://shop.example.com/a?utm_source=mailchimp", "https://shop.example.com/a?utm_medium=email#f",
				"https://help.example.org/returns", "*|UNSUB|*", "//shop.example.com/r",
				"https://shop.example.com/a?utm_source=newsletter" };
		StringBuilder html = new StringBuilder("<html><body>");
		for (int i = random.nextInt(6); i >= 0; i--) {
			html.append("<p>").append(text(random, 0).replace("<", "&lt;")).append("</p>");
			String link = links[random.nextInt(random.nextInt(20) == 0 ? links.length : links.length - 1)];
			html.append(switch (random.nextInt(4)) {
				case 0 -> "<a href='" + link + "'>";
				case 1 -> "<a class=\"x\" href=" + link.replace("#", "") + " >";
				default -> "<a href=\"" + link + "\">";
			}).append(text(random, 0).replace("<", "&lt;")).append("</a>");
		}
		return html.append("</body></html>").toString();
	}

	private static String text(Random random, int least) {
		StringBuilder text = new StringBuilder();
		for (int n = least + random.nextInt(12); n > 0; n--) {
			text.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
		}
		return text.toString();
	}

	private static void extras(Random random, ObjectNode object) {
		for (int n = random.nextInt(3); n > 0; n--) {
			object.set("x_" + text(random, 1).replace("\\", ""), value(random, 3));
		}
	}

	private static JsonNode value(Random random, int depth) {
		return switch (random.nextInt(depth > 0 ? 9 : 7)) {
			case 0 -> NODES.textNode(text(random, 0));
			case 1 -> NODES.numberNode(random.nextInt(2000) - 1000);
			case 2 -> NODES.numberNode(random.nextInt(3) == 0 ? 0 : random.nextLong());
			case 3 -> NODES.numberNode(new BigInteger(80, random));
			// a fraction is never spliced: one now and then, or little else would be
			case 4 -> random.nextInt(8) == 0 ? NODES.numberNode(BigDecimal.valueOf(random.nextInt(100000), 2))
					: NODES.textNode(text(random, 0));
			case 5 -> NODES.booleanNode(random.nextBoolean());
			case 6 -> NODES.nullNode();
			case 7 -> {
				ObjectNode object = NODES.objectNode();
				extras(random, object);
				yield object;
			}
			default -> {
				ArrayNode array = NODES.arrayNode();
				for (int n = random.nextInt(4); n > 0; n--) {
					array.add(value(random, depth - 1));
				}
				yield array;
			}
		};
	}

	/** The same tree with each object's keys in a random order. */
	private static JsonNode shuffled(Random random, JsonNode node) {
		if (node.isObject()) {
			List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
			Collections.shuffle(properties, random);
			ObjectNode copy = NODES.objectNode();
			properties.forEach(p -> copy.set(p.getKey(), shuffled(random, p.getValue())));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			node.forEach(item -> copy.add(shuffled(random, item)));
			return copy;
		}
		return node;
	}

	/**
	 * Campaign C-1001 at version 2, recorded by sending the brief examples 01 and 02, as
	 * the email and tracking examples expect.
	 */
	static MemoryTruth truthAtVersion2(ContractSet contracts, GuardProperties limits) {
		MemoryTruth truth = new MemoryTruth();
		Guard guard = new Guard(limits, truth);
		for (String file : new String[] { "01-approved-brief.json", "02-late-change-of-landing-url.json" }) {
			try {
				Verdict verdict = guard.check(contracts.source(), contracts.taxonomy(),
						JSON.writeValueAsBytes(ForwardedBytesTest.example("brief-approved", file)));
				truth.record(verdict.newTruth());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
		return truth;
	}

}
