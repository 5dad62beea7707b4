package dev.handoff.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares what must never vary and what is generated: the {@code x-handoff} blocks of
 * two versions of a contract, and two versions of the taxonomy. Every such change is
 * called out, because it splits reports across tools even when every message stays valid.
 */
final class TruthDiff {

	private final String file;

	private final List<Change> changes = new ArrayList<>();

	TruthDiff(String file) {
		this.file = file;
	}

	List<Change> handoff(JsonNode before, JsonNode after) {
		String at = "/x-handoff";
		entries(before.path("mustMatch"), after.path("mustMatch"), at + "/mustMatch", Impact.BREAKING_FOR_SENDERS,
				Impact.BREAKING_FOR_RECEIVERS, Impact.BREAKING_FOR_SENDERS, "must match");
		entries(before.path("generate"), after.path("generate"), at + "/generate", Impact.BREAKING_FOR_RECEIVERS,
				Impact.BREAKING_FOR_RECEIVERS, Impact.BREAKING_FOR_RECEIVERS, "is generated");
		entries(before.path("links"), after.path("links"), at + "/links", Impact.BREAKING_FOR_SENDERS,
				Impact.BREAKING_FOR_RECEIVERS, null, "has its links held to the channel's UTM values");
		entries(before.path("truth"), after.path("truth"), at + "/truth", Impact.BREAKING_FOR_SENDERS,
				Impact.BREAKING_FOR_RECEIVERS, Impact.BREAKING_FOR_SENDERS, "is read from");
		if (before.path("source").asBoolean(false) != after.path("source").asBoolean(false)) {
			add(at + "/source", Impact.BREAKING_FOR_SENDERS,
					after.path("source").asBoolean(false)
							? "the contract now establishes the truth instead of guarding an edge"
							: "the contract no longer establishes the truth");
		}
		for (String key : new String[] { "campaign", "version" }) {
			if (!Nodes.same(before.get(key), after.get(key))) {
				add(at + "/" + key, Impact.BREAKING_FOR_SENDERS,
						key + " is read from " + after.get(key) + " (was " + before.get(key) + ")");
			}
		}
		if (!Nodes.same(before.get("channel"), after.get("channel"))) {
			add(at + "/channel", Impact.BREAKING_FOR_RECEIVERS, "channel is " + after.get("channel") + " (was "
					+ before.get("channel") + "): generated utm_source and utm_medium change");
		}
		String was = before.path("onConflict").asText("reject").toLowerCase(Locale.ROOT);
		String now = after.path("onConflict").asText("reject").toLowerCase(Locale.ROOT);
		if (!was.equals(now)) {
			add(at + "/onConflict",
					now.equals("overwrite") ? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS,
					"a typed value that differs from the generated one is now "
							+ (now.equals("overwrite") ? "overwritten" : "rejected"));
		}
		return changes;
	}

	List<Change> taxonomy(JsonNode before, JsonNode after) {
		utm(before.path("utm"), after.path("utm"));
		for (String channel : Nodes.union(before.path("channels"), after.path("channels"))) {
			for (String key : new String[] { "source", "medium" }) {
				JsonNode was = before.path("channels").path(channel).get(key);
				JsonNode now = after.path("channels").path(channel).get(key);
				if (!Nodes.same(was, now)) {
					add("/channels/" + Nodes.escape(channel) + "/" + key, Impact.BREAKING_FOR_RECEIVERS,
							"utm_" + key + " of channel '" + channel + "' is " + now + " (was " + was + ")");
				}
			}
		}
		List<String> was = new ArrayList<>();
		before.path("domains").forEach(d -> was.add(d.asText()));
		List<String> now = new ArrayList<>();
		after.path("domains").forEach(d -> now.add(d.asText()));
		// a new owned domain cuts both ways: 'check' fields reject its links without
		// UTMs, 'rewrite' fields change them
		now.stream().filter(d -> !was.contains(d)).forEach(d -> {
			add("/domains", Impact.BREAKING_FOR_SENDERS,
					"links to '" + d + "' in fields whose links are checked must now carry UTM parameters");
			add("/domains", Impact.BREAKING_FOR_RECEIVERS,
					"links to '" + d + "' in fields whose links are rewritten now get UTM parameters");
		});
		was.stream()
			.filter(d -> !now.contains(d))
			.forEach(d -> add("/domains", Impact.BREAKING_FOR_RECEIVERS,
					"links to '" + d + "' are no longer checked or rewritten"));
		return changes;
	}

	/**
	 * The utm_campaign template and the limits applied to what it produces, compared as
	 * the taxonomy reader defaults them.
	 */
	private void utm(JsonNode before, JsonNode after) {
		String[][] keys = { { "campaign", "" }, { "allowed", "a-z0-9_-" }, { "maxLength", "100" } };
		for (String[] key : keys) {
			String was = before.path(key[0]).asText(key[1]);
			String now = after.path(key[0]).asText(key[1]);
			if (!was.equals(now)) {
				add("/utm/" + key[0], Impact.BREAKING_FOR_RECEIVERS, "generated utm_campaign values change: " + key[0]
						+ " is " + after.get(key[0]) + " (was " + before.get(key[0]) + ")");
			}
		}
	}

	/** Adds, removals and changes of pointer → value entries such as mustMatch. */
	private void entries(JsonNode before, JsonNode after, String at, Impact added, Impact removed, Impact changed,
			String what) {
		for (String pointer : Nodes.union(before, after)) {
			String here = at + "/" + Nodes.escape(pointer);
			JsonNode was = before.get(pointer);
			JsonNode now = after.get(pointer);
			if (was == null) {
				add(here, added, pointer + " now " + what + " (" + now.asText() + ")");
			}
			else if (now == null) {
				add(here, removed, pointer + " no longer " + what + " (was " + was.asText() + ")");
			}
			else if (!was.equals(now)) {
				Impact impact = changed != null ? changed : now.asText().equalsIgnoreCase("rewrite")
						? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS;
				add(here, impact, pointer + " " + what + ": " + now.asText() + " (was " + was.asText() + ")");
			}
		}
	}

	private void add(String pointer, Impact impact, String description) {
		changes.add(new Change(file, pointer, impact, description, true));
	}

}
