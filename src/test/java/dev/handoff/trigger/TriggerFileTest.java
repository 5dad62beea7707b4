package dev.handoff.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.handoff.contract.ContractProblem;
import dev.handoff.lint.Linter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** triggers.json is read strictly and every mistake is named with its pointer. */
class TriggerFileTest {

	@TempDir
	Path folder;

	private TriggerFile.Read read(String json) throws IOException {
		Files.writeString(folder.resolve(TriggerFile.FILE), json);
		return TriggerFile.read(folder, Set.of("email-campaign", "tracking-event"));
	}

	@Test
	void readsTheShippedTriggers() {
		TriggerFile.Read read = TriggerFile.read(Path.of("contracts"), null);
		assertThat(read.problems()).isEmpty();
		assertThat(read.triggers()).extracting(Trigger::name)
			.containsExactly("reject-burst", "reject-waiting", "delivery-stuck", "campaign-behind");
		assertThat(read.triggers().get(0).window()).isEqualTo(Duration.ofMinutes(15));
		assertThat(read.triggers().get(3).olderThan()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void noFileMeansNoTriggers() {
		assertThat(TriggerFile.read(folder, null).triggers()).isEmpty();
		assertThat(TriggerFile.read(folder, null).problems()).isEmpty();
	}

	@Test
	void namesEachMistakeWithItsPointer() throws IOException {
		TriggerFile.Read read = read(
				"""
						{ "triggers": [
						  { "name": "Burst!", "when": "rejects", "threshold": -1, "window": "15 minutes" },
						  { "name": "old", "when": "open-reject-age", "edge": "emial-campaign", "olderThan": "4h", "colour": "red" },
						  { "name": "late", "when": "sometimes", "olderThan": "1d" },
						  { "name": "old", "when": "outbox-age", "olderThan": "0s" }
						] }
						""");
		assertThat(read.problems()).extracting(ContractProblem::toString)
			.containsExactlyInAnyOrder(
					"triggers.json at /triggers/0/name: must be lower-case letters, digits and dashes; got 'Burst!'",
					"triggers.json at /triggers/0/threshold: a 'rejects' trigger needs a threshold: a whole number >= 0",
					"triggers.json at /triggers/0/window: '15 minutes' is not a duration like 90s, 15m, 4h or 2d",
					"triggers.json at /triggers/1/colour: unknown field (known: [edge, name, olderThan, threshold, when, window])",
					"triggers.json at /triggers/1/edge: no edge 'emial-campaign' (edges: [email-campaign, tracking-event])",
					"triggers.json at /triggers/2/when: must be one of [drift-age, open-reject-age, outbox-age, rejects]; got 'sometimes'",
					"triggers.json at /triggers/3/olderThan: '0s' is zero; a trigger needs a positive duration");
	}

	@Test
	void refusesTwoTriggersWithOneName() throws IOException {
		TriggerFile.Read read = read(
				"""
						{ "triggers": [ { "name": "a", "when": "outbox-age", "olderThan": "1m" }, { "name": "a", "when": "drift-age", "olderThan": "1d" } ] }
						""");
		assertThat(read.problems()).extracting(ContractProblem::toString)
			.containsExactly("triggers.json at /triggers/1/name: 'a' is used twice; names must be unique");
	}

	@Test
	void lintReportsABrokenTriggersFileBesideTheContracts() throws IOException {
		Path contracts = dev.handoff.TestFiles.copy(Path.of("contracts"), folder.resolve("contracts"));
		Files.writeString(contracts.resolve(TriggerFile.FILE),
				"{ \"triggers\": [ { \"name\": \"x\", \"when\": \"rejects\", \"threshold\": 3 } ] }");
		assertThat(new Linter().lint(contracts, Path.of("routes"))).extracting(ContractProblem::problem)
			.contains("a 'rejects' trigger needs window, a duration like 15m, 4h or 2d");
	}

}
