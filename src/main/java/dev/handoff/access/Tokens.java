package dev.handoff.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The configured review tokens, known only by their SHA-256: who holds a presented token,
 * if anyone.
 */
@Component
public class Tokens {

	private final Map<String, AccessProperties.Token> bySha256;

	public Tokens(AccessProperties properties, List<TokenSource> sources) {
		List<AccessProperties.Token> all = new ArrayList<>(properties.tokens());
		if (properties.tokensFile() != null) {
			all.addAll(TokensFile.read(properties.tokensFile()));
		}
		sources.forEach(source -> all.addAll(source.tokens()));
		this.bySha256 = all.stream()
			.collect(Collectors.toUnmodifiableMap(t -> t.sha256().toLowerCase(Locale.ROOT), Function.identity(),
					(a, b) -> {
						throw new IllegalStateException("tokens '" + a.name() + "' and '" + b.name()
								+ "' are the same token; give each holder their own");
					}));
	}

	/** The caller a token stands for; empty for a token that is not configured. */
	public Optional<Caller> authenticate(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		AccessProperties.Token known = bySha256.get(sha256(token.trim()));
		return known == null ? Optional.empty() : Optional.of(new Caller(known.name(), known.role()));
	}

	public boolean none() {
		return bySha256.isEmpty();
	}

	public static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

}
