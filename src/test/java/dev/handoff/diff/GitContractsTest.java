package dev.handoff.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.handoff.TestFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitContracts} and {@link ContractDiff} on a real git history of the shipped
 * contracts, one kind of change per commit.
 */
class GitContractsTest {

	private static final String EMAIL = "email-campaign.schema.json";

	private static final String SHIPPED = "[brief-approved.schema.json, cms-landing-page.schema.json, email-campaign.schema.json, "
			+ "taxonomy.json, tracking-event.schema.json]";

	@TempDir
	Path repo;

	private Git git;

	private Path contracts;

	private RevCommit shipped;

	@BeforeEach
	void history() throws Exception {
		git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
		contracts = TestFiles.copy(Path.of("contracts"), repo.resolve("contracts"));
		shipped = commit("the shipped contracts");
	}

	@AfterEach
	void close() {
		git.close();
	}

	private RevCommit commit(String message) throws Exception {
		git.add().addFilepattern(".").call();
		return git.commit()
			.setMessage(message)
			.setAuthor("test", "test@example.com")
			.setCommitter("test", "test@example.com")
			.setSign(false)
			.call();
	}

	/** Edits one file, commits, and compares the commit with its parent. */
	private DiffReport commitEdit(String file, String from, String to) throws Exception {
		TestFiles.replace(contracts.resolve(file), from, to);
		commit("edit " + file);
		return ContractDiff.compare(GitContracts.atRef(repo, "HEAD~1", "contracts"),
				GitContracts.atRef(repo, "HEAD", "contracts"));
	}

	@Nested
	class OneChangePerCommit {

		@Test
		void aNewRequiredFieldBreaksSenders() throws Exception {
			DiffReport report = commitEdit(EMAIL, "\"required\": [\"subject_line\", \"from_name\", \"reply_to\"]",
					"\"required\": [\"subject_line\", \"from_name\", \"reply_to\", \"title\"]");
			assertThat(report.changes()).extracting(Change::file, Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple(EMAIL, "/properties/settings/required", Impact.BREAKING_FOR_SENDERS,
						"'title' is now required"));
			assertThat(report.breaking()).isTrue();
		}

		@Test
		void aNewOptionalFieldInAnOpenObjectIsSafe() throws Exception {
			DiffReport report = commitEdit(EMAIL, "\"title\": { \"type\": \"string\" },",
					"\"title\": { \"type\": \"string\" },\n        \"folder_id\": { \"type\": \"string\" },");
			assertThat(report.changes()).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/settings/properties/folder_id", Impact.SAFE));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aNewOptionalFieldWhereAdditionalPropertiesAreForbiddenBreaksReceivers() throws Exception {
			DiffReport report = commitEdit(EMAIL, "\"landing_url\": { \"type\": \"string\", \"format\": \"uri\" }\n",
					"\"landing_url\": { \"type\": \"string\", \"format\": \"uri\" },\n        \"note\": { \"type\": \"string\" }\n");
			assertThat(report.changes()).extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/handoff/properties/note", Impact.BREAKING_FOR_RECEIVERS,
						"new property 'note' is now accepted where additional properties were forbidden"));
			assertThat(report.breaking()).isTrue();
		}

		@Test
		void aRemovedEnumValueBreaksSenders() throws Exception {
			assertThat(commitEdit(EMAIL, "\"enum\": [\"regular\", \"plaintext\"]", "\"enum\": [\"regular\"]").changes())
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/type/enum", Impact.BREAKING_FOR_SENDERS,
						"value(s) [\"plaintext\"] no longer allowed"));
		}

		@Test
		void aWidenedEnumBreaksReceivers() throws Exception {
			assertThat(commitEdit("tracking-event.schema.json", "\"Unsubscribed\"]",
					"\"Unsubscribed\", \"Email Forwarded\"]")
				.changes()).extracting(Change::file, Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("tracking-event.schema.json", "/properties/event/enum",
						Impact.BREAKING_FOR_RECEIVERS, "value(s) [\"Email Forwarded\"] now allowed"));
		}

		@Test
		void aChangedUtmTemplateIsABreakingTruthChange() throws Exception {
			DiffReport report = commitEdit("taxonomy.json", "\"campaign\": \"{slug(name)}-{lower(id)}\"",
					"\"campaign\": \"{lower(id)}-{slug(name)}\"");
			assertThat(report.truthChanges()).extracting(Change::file, Change::pointer, Change::impact)
				.containsExactly(tuple("taxonomy.json", "/utm/campaign", Impact.BREAKING_FOR_RECEIVERS));
			assertThat(report.changes()).isEqualTo(report.truthChanges());
			assertThat(report.breaking()).isTrue();
			assertThat(report.text())
				.contains(DiffText.TRUTH_HEADING + "\n  taxonomy.json /utm/campaign  BREAKING for receivers: ");
		}

		@Test
		void aChangedDescriptionIsSafe() throws Exception {
			DiffReport report = commitEdit("cms-landing-page.schema.json", "\"description\": \"A page to create",
					"\"description\": \"A WordPress page to create");
			assertThat(report.changes()).extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/description", Impact.SAFE, false));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aBreakingChangeWithARaisedContractVersionIsReportedButAccepted() throws Exception {
			TestFiles.replace(contracts.resolve(EMAIL), "\"onConflict\": \"reject\"", "\"onConflict\": \"overwrite\"");
			DiffReport report = commitEdit(EMAIL, "\"contractVersion\": 2", "\"contractVersion\": 3");
			assertThat(report.changes()).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/x-handoff/onConflict", Impact.BREAKING_FOR_RECEIVERS));
			assertThat(report.bumped()).containsExactly(EMAIL);
			assertThat(report.breaking()).isFalse();
			assertThat(report.text())
				.contains("  " + EMAIL + " /x-handoff/onConflict  BREAKING for receivers: a typed value that differs "
						+ "from the generated one is now overwritten" + DiffText.ACCEPTED + "\n")
				.endsWith("; accepted (contractVersion raised)\n");
			report = commitEdit(EMAIL, "\"enum\": [\"regular\", \"plaintext\"]", "\"enum\": [\"regular\"]");
			assertThat(report.breaking()).as("contractVersion stayed at 3").isTrue();
			report = commitEdit(EMAIL, "\"contractVersion\": 3", "\"contractVersion\": 4");
			assertThat(report.changes()).isEmpty();
			report = ContractDiff.compare(GitContracts.atRef(repo, shipped.name(), "contracts"),
					GitContracts.atRef(repo, "HEAD", "contracts"));
			assertThat(report.changes()).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/type/enum", Impact.BREAKING_FOR_SENDERS),
						tuple("/x-handoff/onConflict", Impact.BREAKING_FOR_RECEIVERS));
			assertThat(report.bumped()).containsExactly(EMAIL);
			assertThat(report.breaking()).isFalse();
		}

	}

	@Nested
	class Refs {

		@Test
		void readsOnlyTheContractFilesDirectlyInTheFolder() throws Exception {
			Files.writeString(contracts.resolve("notes.md"), "not a contract");
			commit("notes");
			Map<String, byte[]> files = GitContracts.atRef(repo, "HEAD", "contracts");
			assertThat(files.keySet()).hasToString(SHIPPED);
			assertThat(files.get("taxonomy.json")).isEqualTo(Files.readAllBytes(contracts.resolve("taxonomy.json")));
		}

		@Test
		void resolvesABranchATagACommitIdAndAnAncestorExpression() throws Exception {
			git.tag().setName("v1").call();
			TestFiles.replace(contracts.resolve(EMAIL), "\"enum\": [\"regular\", \"plaintext\"]",
					"\"enum\": [\"regular\"]");
			RevCommit edited = commit("narrow");
			for (String before : List.of("v1", shipped.name(), shipped.name().substring(0, 10), "HEAD~1", "HEAD^",
					"main~1")) {
				for (String after : List.of("main", "HEAD", edited.name())) {
					assertThat(ContractDiff
						.compare(GitContracts.atRef(repo, before, "contracts"),
								GitContracts.atRef(repo, after, "contracts"))
						.changes()).as(before + " to " + after)
						.extracting(Change::pointer)
						.containsExactly("/properties/type/enum");
				}
			}
		}

		@Test
		void findsTheRepositoryFromAFolderInsideIt() {
			assertThat(GitContracts.atRef(contracts, "HEAD", "contracts").keySet()).hasToString(SHIPPED);
			assertThat(GitContracts.atRef(contracts, "HEAD", "./contracts/").keySet()).hasToString(SHIPPED);
		}

		@Test
		void readsAContractsFolderDeeperInTheRepository() throws Exception {
			TestFiles.copy(Path.of("contracts"), repo.resolve("config/handoff/contracts"));
			commit("a second copy");
			assertThat(GitContracts.atRef(repo, "HEAD", "config/handoff/contracts").keySet()).hasToString(SHIPPED);
			assertThat(GitContracts.atRef(repo, "HEAD~1", "config/handoff/contracts")).isEmpty();
		}

		@Test
		void anUnknownRefIsNamedInTheError() {
			assertThatThrownBy(() -> GitContracts.atRef(repo, "no-such-branch", "contracts"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("'no-such-branch' is not a branch, tag or commit of ");
			assertThatThrownBy(() -> GitContracts.atRef(repo, "HEAD~5", "contracts"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("'HEAD~5' is not a branch, tag or commit");
			assertThatThrownBy(() -> GitContracts.atRef(repo, "HEAD^{nonsense", "contracts"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("'HEAD^{nonsense' is not a branch, tag or commit");
		}

		@Test
		void aFolderOutsideAnyRepositoryIsSaidSo(@TempDir Path elsewhere) {
			assertThatThrownBy(() -> GitContracts.atRef(elsewhere, "HEAD", "contracts"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageEndingWith(" is not inside a git repository");
		}

	}

	@Nested
	class WorkTree {

		@Test
		void anUncommittedEditShowsAgainstARef() throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), "\"minLength\": 1, \"maxLength\": 150",
					"\"minLength\": 1, \"maxLength\": 100");
			DiffReport report = ContractDiff.compare(GitContracts.atRef(repo, "main", "contracts"),
					GitContracts.inWorkTree(contracts));
			assertThat(report.changes()).extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/settings/properties/subject_line/maxLength",
						Impact.BREAKING_FOR_SENDERS, "maxLength changed from 150 to 100"));
		}

		@Test
		void anUntouchedWorkTreeHasNoChanges() {
			DiffReport report = ContractDiff.compare(GitContracts.atRef(repo, "HEAD", "contracts"),
					GitContracts.inWorkTree(contracts));
			assertThat(report.changes()).isEmpty();
			assertThat(report.text()).isEqualTo("no changes\n");
		}

		@Test
		void aNewContractInTheWorkTreeIsSafeAndADeletedOneBreaksSenders() throws IOException {
			Files.copy(contracts.resolve(EMAIL), contracts.resolve("sms.schema.json"));
			Files.delete(contracts.resolve("tracking-event.schema.json"));
			DiffReport report = ContractDiff.compare(GitContracts.atRef(repo, "HEAD", "contracts"),
					GitContracts.inWorkTree(contracts));
			assertThat(report.changes()).extracting(Change::file, Change::impact)
				.containsExactly(tuple("sms.schema.json", Impact.SAFE),
						tuple("tracking-event.schema.json", Impact.BREAKING_FOR_SENDERS));
		}

	}

}
