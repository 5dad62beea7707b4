package dev.handoff.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Verdict;
import dev.handoff.lint.MemoryTruth;

/**
 * The messages the benchmarks send: each shipped edge's first (good) example, as the sender would put it on
 * the wire (compact JSON), and the email campaign with a generated HTML body of a given size.
 */
public final class Messages {

	static final ObjectMapper JSON = new ObjectMapper();

	/** The guard's limits as the service has them by default (application.yaml). */
	static final GuardProperties LIMITS = new GuardProperties(1_048_576, 32, 64);

	private Messages() {
	}

	/** The shipped contracts folder: {@code -Dhandoff.contracts=...}, else {@code contracts} under the working directory. */
	static Path contractsFolder() {
		Path folder = Path.of(System.getProperty("handoff.contracts", "contracts"));
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException(folder.toAbsolutePath() + " is not a folder: run from the repository root or set -Dhandoff.contracts");
		}
		return folder;
	}

	static ContractSet shippedContracts() {
		return new ContractLoader().load(contractsFolder());
	}

	/**
	 * A message by name: an edge name for its {@code 01-*.json} example, or {@code email-campaign-<n>k} for the email
	 * example with an HTML body of n KiB.
	 */
	static byte[] message(String name) {
		if (name.matches("email-campaign-\\d+k")) {
			int kib = Integer.parseInt(name.substring("email-campaign-".length(), name.length() - 1));
			return emailWithHtml(kib * 1024);
		}
		return bytes(example(name));
	}

	/** The contract a named message is sent against. */
	static String contractOf(String name) {
		return name.startsWith("email-campaign") ? "email-campaign" : name;
	}

	/** The "message" of contracts/examples/&lt;edge&gt;/01-*.json. */
	static JsonNode example(String edge) {
		Path folder = contractsFolder().resolve("examples").resolve(edge);
		try (Stream<Path> files = Files.list(folder)) {
			Path first = files.filter(f -> f.getFileName().toString().startsWith("01-")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no 01-*.json in " + folder));
			return JSON.readTree(first.toFile()).get("message");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The email example with its content.html replaced by product blocks up to about {@code size} bytes of message. */
	static byte[] emailWithHtml(int size) {
		ObjectNode message = (ObjectNode) example("email-campaign").deepCopy();
		int target = size;
		for (int i = 0; i < 5; i++) {
			// quotes in the HTML are escaped in JSON: shrink the body until the whole message fits the size
			((ObjectNode) message.get("content")).put("html", html(Math.max(200, target)));
			int over = bytes(message).length - size;
			if (over <= 0) {
				break;
			}
			target -= over;
		}
		return bytes(message);
	}

	/**
	 * Email HTML of about {@code size} characters: a header, then product blocks of about 480 bytes, each with one
	 * link to an owned domain (shop.example.com: it gets UTM parameters) and one to another domain (left alone),
	 * and an image, as a newsletter's body has.
	 */
	static String html(int size) {
		String head = "<html><head><meta charset=\"utf-8\"><title>Spring Sale</title></head><body><table width=\"600\">"
				+ "<tr><td><h1>Spring Sale</h1><p><a href=\"https://shop.example.com/spring-sale-2027\">Shop the sale</a></p></td></tr>";
		String tail = "<tr><td><a href=\"*|UNSUB|*\">Unsubscribe</a></td></tr></table></body></html>";
		StringBuilder html = new StringBuilder(size + 600).append(head);
		for (int i = 1; html.length() + tail.length() < size; i++) {
			html.append("<tr><td class=\"product\"><h2>Product ").append(i).append("</h2><p>Spring Sale pick number ").append(i)
				.append(": soft organic cotton, free returns within 30 days, ships in two days. Lorem ipsum dolor sit amet, ")
				.append("consectetur adipiscing elit.</p><p><a href=\"https://shop.example.com/p/").append(i)
				.append("?ref=mail\">Shop product ").append(i).append("</a> &middot; <a href=\"https://reviews.example.org/p/").append(i)
				.append("\">Reviews</a></p><img src=\"https://cdn.example.net/i/").append(i).append(".jpg\" alt=\"Product ").append(i)
				.append("\" width=\"600\"></td></tr>");
		}
		return html.append(tail).toString();
	}

	static byte[] bytes(JsonNode message) {
		try {
			return JSON.writeValueAsBytes(message);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The truth the shipped examples are built on: campaign C-1001 at version 2, recorded by running the brief
	 * examples 01 and 02 through the guard, as {@code handoff test} does.
	 */
	static MemoryTruth truthAtVersion2(ContractSet contracts) {
		MemoryTruth truth = new MemoryTruth();
		Guard guard = new Guard(LIMITS, truth);
		Path folder = contractsFolder().resolve("examples").resolve("brief-approved");
		for (String file : new String[] { "01-approved-brief.json", "02-late-change-of-landing-url.json" }) {
			try {
				byte[] brief = bytes(JSON.readTree(folder.resolve(file).toFile()).get("message"));
				Verdict verdict = guard.check(contracts.source(), contracts.taxonomy(), brief);
				if (!verdict.accepted() || verdict.newTruth() == null) {
					throw new IllegalStateException(file + " did not become the truth: " + verdict.violations());
				}
				truth.record(verdict.newTruth());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return truth;
	}

	/** Fails the set-up when a message the benchmark means as good is not accepted: a rejected path would be measured. */
	static void requireAccepted(String name, Verdict verdict) {
		if (!verdict.accepted()) {
			throw new IllegalStateException(name + " is rejected, so the benchmark would not measure the good path: " + verdict.violations());
		}
	}
}
