package dev.handoff.access;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bearer tokens that may call the review API. Only a token's SHA-256 is configured,
 * never the token.
 *
 * @param tokens who may call, with which role
 * @param tokensFile a file with more tokens, one {@code <name> <role> <sha256>} per line
 * (e.g. a mounted secret)
 */
@Validated
@ConfigurationProperties("handoff.access")
public record AccessProperties(@DefaultValue @Valid List<Token> tokens, java.nio.file.Path tokensFile) {

	/**
	 * One token.
	 *
	 * @param name who holds it, for the audit trail
	 * @param role what it may do
	 * @param sha256 hex SHA-256 of the token (e.g.
	 * {@code printf %s "$TOKEN" | sha256sum})
	 */
	public record Token(@NotBlank String name, @NotNull Role role, @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {
	}
}
