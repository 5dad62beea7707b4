package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.json.StrictJson;
import dev.handoff.lint.Example;
import dev.handoff.lint.ExampleRunner;
import dev.handoff.lint.MemoryTruth;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * A message the guard changed goes on spliced into the bytes it came in, and those are
 * byte for byte the bytes writing the whole changed tree gives (what the guard forwarded
 * before it spliced): for every shipped example however it is laid out, and for generated
 * tracking events and email campaigns with any white space, escapes, numbers, key order
 * and extra properties.
 */
class ForwardedBytesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final GuardProperties LIMITS = new GuardProperties(1_048_576, 32, 64);

	private static final ObjectMapper STRICT = new StrictJson(32, 64, 1_048_576).mapper();

	private static final ContractSet CONTRACTS = new ContractLoader().load(Path.of("contracts"));

	private static final MemoryTruth TRUTH_AT_VERSION_2 = Corpus.truthAtVersion2(CONTRACTS, LIMITS);

	private static final Guard SPLICING = new Guard(LIMITS, TRUTH_AT_VERSION_2, true);

	private static final Guard WRITING = new Guard(LIMITS, TRUTH_AT_VERSION_2, false);

	@Test
	void everyShippedExampleIsForwardedAsWritingTheTreeWouldForwardIt() throws IOException {
		MemoryTruth truth = new MemoryTruth();
		Guard splicing = new Guard(LIMITS, truth, true);
		Guard writing = new Guard(LIMITS, truth, false);
		List<Example> examples = new ExampleRunner(CONTRACTS, Map.of(), LIMITS).examples(Path.of("contracts/examples"));
		int spliced = 0;
		for (Example example : examples) {
			byte[] compact = example.body();
			List<byte[]> layouts = new ArrayList<>(List.of(compact));
			if (example.spec().has("message") && !example.spec().has("padTo")) {
				layouts.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(example.spec().get("message")));
				for (int seed = 0; seed < 20; seed++) {
					layouts.add(Layout.write(example.spec().get("message"), new Random(seed)));
				}
			}
			Verdict first = null;
			for (byte[] received : layouts) {
				Verdict verdict = sameForwarded(example.name(), splicing, writing, example.edge(), received);
				first = first == null ? verdict : first;
				if (received == compact && (!verdict.generated().isEmpty() || !verdict.rewritten().isEmpty())) {
					assertThat(Splice.of(received, STRICT.readTree(verdict.forwarded()), changed(verdict), STRICT))
						.as("%s as sent (compact) is spliced", example.name())
						.isNotNull();
					spliced++;
				}
			}
			if (first.accepted() && first.newTruth() != null) {
				truth.record(first.newTruth());
			}
		}
		assertThat(spliced).as("examples whose message the guard changed").isGreaterThan(4);
	}

	@Property(tries = 1500)
	void generatedTrackingEventsGoOnAsWritingTheTreeWouldForwardThem(@ForAll long seed) throws IOException {
		Random random = new Random(seed);
		JsonNode message = Corpus.trackingEvent(random);
		check("tracking-event", Layout.write(message, random));
	}

	@Property(tries = 1500)
	void generatedEmailCampaignsGoOnAsWritingTheTreeWouldForwardThem(@ForAll long seed) throws IOException {
		Random random = new Random(seed);
		JsonNode message = Corpus.emailCampaign(random);
		check("email-campaign", Layout.write(message, random));
	}

	private static void check(String edge, byte[] received) throws IOException {
		Verdict verdict = sameForwarded(edge, SPLICING, WRITING, edge, received);
		String outcome = !verdict.accepted() && !verdict.held() ? "rejected " + verdict.violations().get(0).rule()
				: verdict.generated().isEmpty() && verdict.rewritten().isEmpty() ? "unchanged"
						: Splice.of(received, STRICT.readTree(verdict.forwarded()), changed(verdict), STRICT) == null
								? "changed, written" : "changed, spliced";
		Statistics.label(edge).collect(outcome);
		Statistics.label(edge).coverage(coverage -> coverage.check("changed, spliced").percentage(p -> p > 30));
		Statistics.label(edge).coverage(coverage -> coverage.check("changed, written").percentage(p -> p > 5));
	}

	private static Verdict sameForwarded(String name, Guard splicing, Guard writing, String contract, byte[] received) {
		Verdict spliced = splicing.check(CONTRACTS.find(contract).orElseThrow(), CONTRACTS.taxonomy(), received);
		Verdict written = writing.check(CONTRACTS.find(contract).orElseThrow(), CONTRACTS.taxonomy(), received);
		String as = name + " received as " + new String(received, StandardCharsets.UTF_8);
		assertThat(spliced.violations()).as(as).isEqualTo(written.violations());
		assertThat(spliced.generated()).as(as).isEqualTo(written.generated());
		assertThat(spliced.rewritten()).as(as).isEqualTo(written.rewritten());
		assertThat(text(spliced.forwarded())).as(as).isEqualTo(text(written.forwarded()));
		assertThat(spliced.forwarded()).as(as).isEqualTo(written.forwarded());
		return spliced;
	}

	private static List<String> changed(Verdict verdict) {
		List<String> changed = new ArrayList<>(verdict.generated());
		changed.addAll(verdict.rewritten());
		return changed;
	}

	private static String text(byte[] bytes) {
		return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
	}

	/** The tree at the root of a shipped example, to change for the corpus. */
	static ObjectNode example(String edge, String file) {
		try {
			return (ObjectNode) JSON.readTree(Path.of("contracts/examples", edge, file).toFile()).get("message");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
