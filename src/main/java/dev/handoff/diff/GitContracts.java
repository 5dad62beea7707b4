package dev.handoff.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads the contracts folder as it is at a git ref (through JGit, no git command needed)
 * or in the work tree.
 */
public final class GitContracts {

	private GitContracts() {
	}

	/**
	 * The contracts folder in the work tree, at a ref: the repository is found upward
	 * from it and the folder is taken at the same place relative to the repository's top.
	 * @param contractsDir the contracts folder in the work tree
	 * @param ref a branch, tag, commit id or expression such as {@code HEAD~1}
	 */
	public static Map<String, byte[]> atRef(Path contractsDir, String ref) {
		Path from = contractsDir.toAbsolutePath().normalize();
		try (Repository repository = open(from)) {
			String folder = repository.getWorkTree().toPath().toRealPath().relativize(from.toRealPath()).toString();
			return read(repository, ref, folder);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read git repository around " + from + ": " + e.getMessage(), e);
		}
	}

	/**
	 * The {@code *.schema.json} files and {@code taxonomy.json} directly in a folder of
	 * the repository at a ref.
	 * @param repoDir the repository's work tree or any folder inside it
	 * @param ref a branch, tag, commit id or expression such as {@code HEAD~1}
	 * @param contractsPath the folder, relative to the repository's top, e.g.
	 * {@code contracts}
	 * @return file name to content, sorted by name; empty when the folder did not exist
	 * at that ref
	 * @throws IllegalArgumentException when there is no repository or the ref does not
	 * name a commit
	 */
	public static Map<String, byte[]> atRef(Path repoDir, String ref, String contractsPath) {
		Path from = repoDir.toAbsolutePath().normalize();
		try (Repository repository = open(from)) {
			return read(repository, ref, contractsPath);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read git repository around " + from + ": " + e.getMessage(), e);
		}
	}

	/**
	 * The {@code *.schema.json} files and {@code taxonomy.json} directly in a folder on
	 * disk.
	 */
	public static Map<String, byte[]> inWorkTree(Path contractsDir) {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> list = Files.list(contractsDir)) {
			for (Path file : list.filter(f -> Files.isRegularFile(f) && relevant(f.getFileName().toString()))
				.toList()) {
				files.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return files;
	}

	private static Repository open(Path from) throws IOException {
		FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(from.toFile());
		if (builder.getGitDir() == null) {
			throw new IllegalArgumentException(from + " is not inside a git repository");
		}
		return builder.setMustExist(true).build();
	}

	private static Map<String, byte[]> read(Repository repository, String ref, String contractsPath)
			throws IOException {
		ObjectId commit = resolve(repository, ref);
		// TreeWalk paths are slash-separated and relative to the top, whatever the
		// platform wrote
		String folder = contractsPath.replace('\\', '/').replaceAll("^(\\./)+|/+$", "");
		Map<String, byte[]> files = new TreeMap<>();
		try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
			tree.addTree(walk.parseCommit(commit).getTree());
			tree.setRecursive(true);
			if (!folder.isEmpty() && !folder.equals(".")) {
				tree.setFilter(PathFilter.create(folder));
			}
			String prefix = folder.isEmpty() || folder.equals(".") ? "" : folder + "/";
			while (tree.next()) {
				String path = tree.getPathString();
				String name = path.substring(path.lastIndexOf('/') + 1);
				if (path.equals(prefix + name) && relevant(name)) {
					files.put(name, repository.open(tree.getObjectId(0)).getBytes());
				}
			}
		}
		return files;
	}

	private static ObjectId resolve(Repository repository, String ref) throws IOException {
		ObjectId commit;
		try {
			commit = repository.resolve(ref + "^{commit}");
		}
		catch (RevisionSyntaxException e) {
			commit = null;
		}
		catch (IOException e) {
			// e.g. an abbreviated id that matches several objects
			throw new IllegalArgumentException(
					"'" + ref + "' cannot be resolved in " + repository.getDirectory() + ": " + e.getMessage(), e);
		}
		if (commit == null) {
			throw new IllegalArgumentException(
					"'" + ref + "' is not a branch, tag or commit of " + repository.getDirectory());
		}
		return commit;
	}

	private static boolean relevant(String name) {
		return name.endsWith(".schema.json") || name.equals("taxonomy.json");
	}

}
