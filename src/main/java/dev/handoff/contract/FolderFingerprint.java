package dev.handoff.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The SHA-256 of each file directly in a folder, so a watcher can tell exactly which
 * files changed.
 */
public final class FolderFingerprint {

	private FolderFingerprint() {
	}

	public static Map<Path, String> of(Path folder, Predicate<Path> which) {
		Map<Path, String> hashes = new TreeMap<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> Files.isRegularFile(f) && which.test(f)).toList()) {
				hashes.put(file, sha256(Files.readAllBytes(file)));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return hashes;
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

}
