package dev.handoff.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Generated contract folders for the scaling benchmarks, in a temporary folder each. */
final class Folders {

	static final String[] EDGES = { "cms-landing-page", "email-campaign", "tracking-event" };

	private Folders() {
	}

	/**
	 * {@code count} contracts: the shipped source contract (brief-approved) and {@code count - 1} copies of the
	 * shipped edge contracts in turn, named {@code <edge>-0001}, ... Each copy is compiled on its own, as
	 * distinct contracts would be.
	 */
	static Path copies(int count) {
		Path folder = withSource("handoff-contracts-" + count + "-");
		try {
			for (int i = 1; i < count; i++) {
				String edge = EDGES[(i - 1) % EDGES.length];
				Files.copy(Messages.contractsFolder().resolve(edge + ".schema.json"), folder.resolve(copyName(i) + ".schema.json"));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return folder;
	}

	/** The name of copy i (1-based). */
	static String copyName(int i) {
		return EDGES[(i - 1) % EDGES.length] + String.format("-%04d", i);
	}

	/** The source contract, taxonomy and one {@code wide} edge contract with {@code properties} properties. */
	static Path wide(int properties) {
		Path folder = withSource("handoff-wide-" + properties + "-");
		try {
			Files.write(folder.resolve("wide.schema.json"), Messages.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(wideSchema(properties)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return folder;
	}

	private static Path withSource(String prefix) {
		try {
			Path folder = Files.createTempDirectory(prefix);
			for (String file : new String[] { "brief-approved.schema.json", "taxonomy.json" }) {
				Files.copy(Messages.contractsFolder().resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
			folder.toFile().deleteOnExit();
			return folder;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A flat email-channel contract with {@code n} typed properties in turn: a bounded string, a patterned
	 * string, a bounded integer, an enum, a boolean and a date-time, all required; plus the handoff fields.
	 */
	static ObjectNode wideSchema(int n) {
		ObjectNode schema = Messages.JSON.createObjectNode();
		schema.put("$schema", "http://json-schema.org/draft-07/schema#");
		schema.put("type", "object");
		ArrayNode required = schema.putArray("required");
		ObjectNode props = schema.putObject("properties");
		props.putObject("campaign_id").put("type", "string");
		props.putObject("brief_version").put("type", "integer").put("minimum", 1);
		props.putObject("utm_campaign").put("type", "string").put("maxLength", 60);
		required.add("campaign_id").add("brief_version");
		for (int i = 0; i < n; i++) {
			String name = "f" + i;
			ObjectNode p = props.putObject(name);
			switch (i % 6) {
				case 0 -> p.put("type", "string").put("minLength", 1).put("maxLength", 200);
				case 1 -> p.put("type", "string").put("pattern", "^[a-z0-9-]{1,40}$");
				case 2 -> p.put("type", "integer").put("minimum", 0).put("maximum", 1_000_000);
				case 3 -> p.putArray("enum").add("draft").add("review").add("approved").add("scheduled").add("sent");
				case 4 -> p.put("type", "boolean");
				default -> p.put("type", "string").put("format", "date-time");
			}
			required.add(name);
		}
		schema.put("additionalProperties", false);
		ObjectNode handoff = schema.putObject("x-handoff");
		handoff.put("channel", "email");
		handoff.put("campaign", "/campaign_id");
		handoff.put("version", "/brief_version");
		handoff.putObject("mustMatch").put("/campaign_id", "id");
		handoff.putObject("generate").put("/utm_campaign", "utm.campaign");
		return schema;
	}

	/** A good message for {@link #wideSchema}: every property filled in, utm_campaign left to be generated. */
	static byte[] wideMessage(int n) {
		ObjectNode message = Messages.JSON.createObjectNode();
		message.put("campaign_id", "C-1001");
		message.put("brief_version", 2);
		for (int i = 0; i < n; i++) {
			String name = "f" + i;
			switch (i % 6) {
				case 0 -> message.put(name, "Spring Sale text value " + i);
				case 1 -> message.put(name, "slug-" + i);
				case 2 -> message.put(name, i * 7);
				case 3 -> message.put(name, "approved");
				case 4 -> message.put(name, i % 2 == 0);
				default -> message.put(name, "2027-03-01T09:00:00Z");
			}
		}
		return Messages.bytes(message);
	}

	static void delete(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a temporary folder left behind is harmless
		}
	}
}
