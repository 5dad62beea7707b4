package dev.handoff.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Reads the contracts folder as it is at a git ref (through JGit, no git command needed) or in the work tree. */
public final class GitContracts {

	private GitContracts() {
	}

	/**
	 * @param contractsDir the contracts folder in the work tree (the repository is found upward from it)
	 * @param ref a branch, tag, commit id or expression such as {@code HEAD~1}
	 */
	public static Map<String, byte[]> atRef(Path contractsDir, String ref) {
		Path from = contractsDir.toAbsolutePath().normalize();
		FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(from.toFile());
		if (builder.getGitDir() == null) {
			throw new IllegalArgumentException(from + " is not inside a git repository");
		}
		try (Repository repository = builder.setMustExist(true).build()) {
			String contracts = repository.getWorkTree().toPath().toRealPath().relativize(from.toRealPath()).toString();
			ObjectId commit = repository.resolve(ref + "^{commit}");
			if (commit == null) {
				throw new IllegalArgumentException("'" + ref + "' is not a branch, tag or commit of " + repository.getDirectory());
			}
			Map<String, byte[]> files = new TreeMap<>();
			String folder = contracts.replace('\\', '/').replaceAll("^\\./|/$", "");
			try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
				tree.addTree(walk.parseCommit(commit).getTree());
				tree.setRecursive(true);
				tree.setFilter(PathFilter.create(folder));
				while (tree.next()) {
					String path = tree.getPathString();
					String name = path.substring(path.lastIndexOf('/') + 1);
					if (path.equals(folder + "/" + name) && relevant(name)) {
						files.put(name, repository.open(tree.getObjectId(0)).getBytes());
					}
				}
			}
			return files;
		}
		catch (IllegalArgumentException e) {
			throw e;
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read git repository around " + from.toAbsolutePath() + ": " + e.getMessage(), e);
		}
	}

	public static Map<String, byte[]> inWorkTree(Path contracts) {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> list = Files.list(contracts)) {
			for (Path file : list.filter(f -> relevant(f.getFileName().toString())).toList()) {
				files.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return files;
	}

	private static boolean relevant(String name) {
		return name.endsWith(".schema.json") || name.equals("taxonomy.json");
	}
}
