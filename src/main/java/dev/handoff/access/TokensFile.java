package dev.handoff.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a tokens file: one token per line, {@code <name> <role> <sha256>}, blank lines
 * and {@code #} comments ignored. Kept out of the main configuration so that it can be
 * mounted as a secret.
 */
final class TokensFile {

	private TokensFile() {
	}

	static List<AccessProperties.Token> read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException e) {
			throw new IllegalStateException(
					"cannot read the tokens file " + file + " (handoff.access.tokens-file): " + e.getMessage(), e);
		}
		List<AccessProperties.Token> tokens = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\\s+");
			String where = file + " line " + (i + 1);
			if (parts.length != 3) {
				throw new IllegalStateException(
						where + ": expected '<name> <role> <sha256>', got " + parts.length + " fields");
			}
			Role role;
			try {
				role = Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException(
						where + ": role must be viewer, operator, approver or admin; got '" + parts[1] + "'");
			}
			if (!parts[2].matches("[0-9a-fA-F]{64}")) {
				throw new IllegalStateException(
						where + ": the third field must be the token's hex SHA-256 (64 characters), not the token");
			}
			tokens.add(new AccessProperties.Token(parts[0], role, parts[2]));
		}
		return tokens;
	}

}
