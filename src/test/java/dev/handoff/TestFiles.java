package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the shipped folders that a test may break on purpose. */
public final class TestFiles {

	private TestFiles() {
	}

	public static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		return to;
	}

	/** Replaces text that must be there, so a test cannot silently edit nothing. */
	public static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).as(file + " holds the text to replace").contains(from);
		Files.writeString(file, text.replace(from, to));
	}

}
