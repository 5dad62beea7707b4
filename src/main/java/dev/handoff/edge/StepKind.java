package dev.handoff.edge;

import java.util.Optional;

/**
 * The steps of the {@code handoff:} component, by what follows {@code handoff:} in a
 * route: a step that names a contract ({@code guard:<contract>}) or a step alone
 * ({@code accept}).
 */
enum StepKind {

	/** {@code handoff:guard:<contract>}: holds a message against its contract */
	GUARD("guard:"),
	/** {@code handoff:batch:<contract>}: holds each event of a batch */
	BATCH("batch:"),
	/** {@code handoff:check:<contract>}: holds an event read from a queue */
	CHECK("check:"),
	/** {@code handoff:commit}: acknowledges a queue's event once it is stored */
	COMMIT("commit"),
	/** {@code handoff:accept}: stores the message and queues it for the next tool */
	ACCEPT("accept"),
	/** {@code handoff:form}: reads a form as JSON */
	FORM("form"),
	/** {@code handoff:sign}: signs a delivery */
	SIGN("sign"),
	/** {@code handoff:remember}: remembers the id the tool made */
	REMEMBER("remember");

	private final String name;

	StepKind(String name) {
		this.name = name;
	}

	/** Whether this kind names a contract after its name. */
	boolean takesContract() {
		return name.endsWith(":");
	}

	/** The kind the part after {@code handoff:} names; empty when it is none. */
	static Optional<StepKind> of(String remaining) {
		for (StepKind kind : values()) {
			if (kind.takesContract() ? remaining.startsWith(kind.name) : remaining.equals(kind.name)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	/** The contract a step that takes one names: what follows {@code guard:}. */
	String contract(String remaining) {
		return remaining.substring(name.length());
	}

}
