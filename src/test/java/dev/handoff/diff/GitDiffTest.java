package dev.handoff.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.handoff.TestFiles;
import dev.handoff.cli.Cli;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handoff diff} on a real git history of the shipped contracts, one kind of change
 * per commit.
 */
class GitDiffTest {

	@TempDir
	Path repo;

	private Git git;

	private Path contracts;

	@BeforeEach
	void history() throws Exception {
		git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
		contracts = TestFiles.copy(Path.of("contracts"), repo.resolve("contracts"));
		commit("the shipped contracts");
	}

	private void commit(String message) throws Exception {
		git.add().addFilepattern(".").call();
		git.commit()
			.setMessage(message)
			.setAuthor("test", "test@example.com")
			.setCommitter("test", "test@example.com")
			.setSign(false)
			.call();
	}

	private List<Change> lastCommit(String file, String from, String to) throws Exception {
		TestFiles.replace(contracts.resolve(file), from, to);
		commit("edit " + file);
		return ContractDiff.compare(GitContracts.atRef(contracts, "HEAD~1"), GitContracts.atRef(contracts, "HEAD"))
			.changes();
	}

	@Test
	void classifiesANewRequiredField() throws Exception {
		assertThat(lastCommit("email-campaign.schema.json",
				"\"required\": [\"subject_line\", \"from_name\", \"reply_to\"]",
				"\"required\": [\"subject_line\", \"from_name\", \"reply_to\", \"title\"]"))
			.singleElement()
			.satisfies(c -> {
				assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_SENDERS);
				assertThat(c.pointer()).isEqualTo("/properties/settings/required");
				assertThat(c.description()).isEqualTo("'title' is now required");
			});
	}

	@Test
	void classifiesAnOptionalFieldByWhetherTheObjectIsOpen() throws Exception {
		assertThat(lastCommit("email-campaign.schema.json", "\"title\": { \"type\": \"string\" },",
				"\"title\": { \"type\": \"string\" },\n        \"folder_id\": { \"type\": \"string\" },"))
			.extracting(Change::impact)
			.containsExactly(Impact.SAFE);
		assertThat(lastCommit("email-campaign.schema.json",
				"\"landing_url\": { \"type\": \"string\", \"format\": \"uri\" }\n      },\n      \"additionalProperties\": false",
				"\"landing_url\": { \"type\": \"string\", \"format\": \"uri\" },\n        \"note\": { \"type\": \"string\" }\n      },\n      \"additionalProperties\": false"))
			.singleElement()
			.satisfies(c -> {
				assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_RECEIVERS);
				assertThat(c.pointer()).isEqualTo("/properties/handoff/properties/note");
			});
	}

	@Test
	void classifiesARemovedAndAnAddedEnumValue() throws Exception {
		assertThat(lastCommit("email-campaign.schema.json", "\"enum\": [\"regular\", \"plaintext\"]",
				"\"enum\": [\"regular\"]"))
			.extracting(Change::impact)
			.containsExactly(Impact.BREAKING_FOR_SENDERS);
		assertThat(
				lastCommit("email-campaign.schema.json", "\"enum\": [\"regular\"]", "\"enum\": [\"regular\", \"rss\"]"))
			.extracting(Change::impact)
			.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
	}

	@Test
	void callsOutAChangedUtmTemplate() throws Exception {
		assertThat(lastCommit("taxonomy.json", "\"campaign\": \"{slug(name)}-{lower(id)}\"",
				"\"campaign\": \"{lower(id)}-{slug(name)}\""))
			.singleElement()
			.satisfies(c -> {
				assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_RECEIVERS);
				assertThat(c.truth()).isTrue();
				assertThat(c.pointer()).isEqualTo("/utm/campaign");
			});
	}

	@Test
	void findsADescriptionOnlyChangeSafe() throws Exception {
		assertThat(lastCommit("cms-landing-page.schema.json", "\"title\": \"Landing page for the CMS\"",
				"\"title\": \"Landing page\""))
			.extracting(Change::impact)
			.containsExactly(Impact.SAFE);
	}

	@Test
	void comparesARefWithTheWorkTreeAndExitsOneWhenSomethingBreaks() throws IOException {
		TestFiles.replace(contracts.resolve("tracking-event.schema.json"), "\"Unsubscribed\"]",
				"\"Unsubscribed\", \"Email Forwarded\"]");
		StringWriter out = new StringWriter();
		int exit = Cli.run(new String[] { "diff", "main", "--contracts", contracts.toString() },
				new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
		assertThat(exit).isEqualTo(1);
		assertThat(out.toString()).contains("tracking-event.schema.json")
			.contains("/properties/event/enum  BREAKING for receivers: value(s) [\"Email Forwarded\"] now allowed");
	}

	@Test
	void exitsZeroWhenNothingBreaks() throws IOException {
		StringWriter out = new StringWriter();
		assertThat(Cli.run(new String[] { "diff", "main", "--contracts", contracts.toString() },
				new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
			.isZero();
		assertThat(out.toString()).contains("no changes");
	}

	@Test
	void namesAnUnknownRef() {
		assertThatThrownBy(() -> GitContracts.atRef(contracts, "no-such-branch"))
			.hasMessageContaining("'no-such-branch' is not a branch");
		StringWriter err = new StringWriter();
		assertThat(Cli.run(new String[] { "diff", "no-such-branch", "--contracts", contracts.toString() },
				new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)))
			.isEqualTo(2);
		assertThat(err.toString()).contains("'no-such-branch' is not a branch");
	}

	@Test
	void readsNothingButContractFiles() throws Exception {
		Files.writeString(contracts.resolve("notes.md"), "not a contract");
		commit("notes");
		assertThat(GitContracts.atRef(contracts, "HEAD")).doesNotContainKey("notes.md")
			.containsKey("taxonomy.json")
			.hasSize(5);
	}

}
