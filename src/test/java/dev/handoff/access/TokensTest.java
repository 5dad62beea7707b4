package dev.handoff.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review tokens from configuration, a tokens file and other sources, known only by their
 * SHA-256.
 */
class TokensTest {

	@TempDir
	Path dir;

	private Tokens tokens(String fileText, TokenSource... sources) throws IOException {
		Path file = dir.resolve("tokens");
		Files.writeString(file, fileText);
		return new Tokens(new AccessProperties(List.of(), file), List.of(sources));
	}

	@Test
	void readsATokensFileWithCommentsAndBlankLines() throws IOException {
		Tokens tokens = tokens("# who may review\n\nmaria operator " + Tokens.sha256("maria-secret")
				+ "\n  legal   approver  " + Tokens.sha256("legal-secret").toUpperCase() + "  \n");
		assertThat(tokens.authenticate("maria-secret")).contains(new Caller("maria", Role.OPERATOR));
		assertThat(tokens.authenticate(" legal-secret ")).contains(new Caller("legal", Role.APPROVER));
		assertThat(tokens.authenticate("maria")).isEmpty();
		assertThat(tokens.authenticate("")).isEmpty();
		assertThat(tokens.authenticate(null)).isEmpty();
	}

	@Test
	void refusesALineThatIsNotNameRoleHashNamingTheLine() {
		assertThatThrownBy(() -> tokens("maria operator\n")).hasMessageContaining("line 1")
			.hasMessageContaining("<name> <role> <sha256>");
		assertThatThrownBy(() -> tokens("\nmaria boss " + Tokens.sha256("x") + "\n")).hasMessageContaining("line 2")
			.hasMessageContaining("'boss'");
		assertThatThrownBy(() -> tokens("maria operator maria-secret\n")).hasMessageContaining("SHA-256")
			.hasMessageContaining("not the token");
	}

	@Test
	void refusesOneTokenGivenToTwoHolders() {
		TokenSource other = () -> List.of(new AccessProperties.Token("other", Role.VIEWER, Tokens.sha256("shared")));
		assertThatThrownBy(() -> tokens("maria operator " + Tokens.sha256("shared") + "\n", other))
			.hasMessageContaining("same token");
	}

	@Test
	void addsTokensFromOtherSources() throws IOException {
		TokenSource demo = () -> List
			.of(new AccessProperties.Token("demo-admin", Role.ADMIN, Tokens.sha256("demo-secret")));
		assertThat(tokens("", demo).authenticate("demo-secret")).contains(new Caller("demo-admin", Role.ADMIN));
	}

}
