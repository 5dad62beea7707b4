package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages use each other in one direction only: read from the compiled
 * classes, no two packages reach each other, directly or through others. A change that
 * closes a loop fails here with the packages in it; the way out is usually to move the
 * class that closes it to the package it serves (as openapi, gauges and
 * delivery/Undelivered were).
 */
class PackageCyclesTest {

	@Test
	void noTwoPackagesReachEachOther() {
		assertThat(cycles(uses())).as("packages that reach each other").isEmpty();
	}

	@Test
	void seesAKnotItIsShown() {
		// the check itself: two packages that use each other are one knot, a third used
		// by both is not in it
		Map<String, Set<String>> uses = Map.of("a", Set.of("b", "c"), "b", Set.of("a", "c"), "c", Set.of());
		assertThat(cycles(uses)).containsExactly(Set.of("a", "b"));
	}

	/** Which feature package uses which, from every dependency of every main class. */
	private static Map<String, Set<String>> uses() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.handoff");
		Map<String, Set<String>> uses = new TreeMap<>();
		for (JavaClass type : classes) {
			String from = feature(type.getPackageName());
			if (from == null) {
				continue;
			}
			Set<String> to = uses.computeIfAbsent(from, f -> new TreeSet<>());
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				String target = feature(dependency.getTargetClass().getPackageName());
				if (target != null && !target.equals(from)) {
					to.add(target);
				}
			}
		}
		assertThat(uses).as("the classes were read").containsKeys("edge", "guard", "delivery");
		return uses;
	}

	/**
	 * {@code dev.handoff.edge} → {@code edge}; the root package and anything outside
	 * Handoff → null.
	 */
	private static String feature(String pkg) {
		if (!pkg.startsWith("dev.handoff.")) {
			return null;
		}
		String rest = pkg.substring("dev.handoff.".length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	/** The strongly connected groups of more than one package (Tarjan's algorithm). */
	private static Set<Set<String>> cycles(Map<String, Set<String>> uses) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new HashSet<>();
		Set<Set<String>> found = new HashSet<>();
		for (String pkg : uses.keySet()) {
			if (!index.containsKey(pkg)) {
				visit(pkg, uses, index, low, stack, onStack, found);
			}
		}
		return found;
	}

	private static void visit(String pkg, Map<String, Set<String>> uses, Map<String, Integer> index,
			Map<String, Integer> low, Deque<String> stack, Set<String> onStack, Set<Set<String>> found) {
		index.put(pkg, index.size());
		low.put(pkg, index.get(pkg));
		stack.push(pkg);
		onStack.add(pkg);
		for (String next : uses.getOrDefault(pkg, Set.of())) {
			if (!index.containsKey(next)) {
				visit(next, uses, index, low, stack, onStack, found);
				low.put(pkg, Math.min(low.get(pkg), low.get(next)));
			}
			else if (onStack.contains(next)) {
				low.put(pkg, Math.min(low.get(pkg), index.get(next)));
			}
		}
		if (low.get(pkg).equals(index.get(pkg))) {
			Set<String> group = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				onStack.remove(member);
				group.add(member);
			}
			while (!member.equals(pkg));
			if (group.size() > 1) {
				found.add(Set.copyOf(group));
			}
		}
	}

}
