package dev.handoff.edge;

import java.util.UUID;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.delivery.DeliveryOptions;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import dev.handoff.delivery.OutboxStore;
import dev.handoff.gate.Held;
import dev.handoff.gate.HeldStore;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a reject through its edge again with today's contracts and truth. Accepted: it is
 * queued for the next tool like any message and the reject becomes {@code replayed}, in
 * one transaction, so two replays at once deliver it once. Held by its contract's gate:
 * it becomes a held message, never delivered unapproved. Rejected again: it stays open.
 */
@Component
public class Replay {

	/**
	 * What came of a replay: the answer when it ran through its edge, or, when it could
	 * not run (not open, no longer served, replayed meanwhile), why not.
	 *
	 * @param accepted accepted or held: the reject is replayed
	 * @param conflict nothing was done; {@code detail} says why
	 * @param answer what the edge made of it; null on a conflict
	 * @param detail on a conflict, why, in words; else null
	 */
	public record Outcome(boolean accepted, boolean conflict, ReplayAnswer answer, String detail) {

		static Outcome of(ReplayAnswer answer) {
			return new Outcome(!"rejected".equals(answer.outcome()), false, answer, null);
		}

		static Outcome conflict(String detail) {
			return new Outcome(false, true, null, detail);
		}
	}

	private final RejectStore rejects;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final Guard guard;

	private final TruthStore truth;

	private final OutboxStore outbox;

	private final TransactionTemplate transactions;

	private final Dispatcher dispatcher;

	private final ProducerTemplate producer;

	private final HeldStore heldStore;

	Replay(RejectStore rejects, EdgeRegistry edges, ContractRegistry contracts, Guard guard, TruthStore truth,
			OutboxStore outbox, TransactionTemplate transactions, Dispatcher dispatcher, ProducerTemplate producer,
			HeldStore heldStore) {
		this.rejects = rejects;
		this.edges = edges;
		this.contracts = contracts;
		this.guard = guard;
		this.truth = truth;
		this.outbox = outbox;
		this.transactions = transactions;
		this.dispatcher = dispatcher;
		this.producer = producer;
		this.heldStore = heldStore;
	}

	/**
	 * A reject read from Kafka goes to the edge's output topic; it is marked replayed
	 * once the topic has it.
	 */
	private Outcome toTopic(Reject reject, Edge edge, Verdict verdict,
			java.util.function.BiConsumer<String, String> onAccepted) {
		producer.sendBody(edge.deliverTo(), verdict.forwarded());
		boolean replayed = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!rejects.markReplayed(reject.id(), reject.id())) {
				return false;
			}
			onAccepted.accept(reject.id(), "accepted");
			return true;
		}));
		if (!replayed) {
			return Outcome.conflict(
					"reject " + reject.id() + " was replayed or discarded meanwhile (it was sent to the topic again)");
		}
		return Outcome.of(ReplayAnswer.toTopic(reject.id(), edge.deliverTo().replaceFirst("\\?.*$", ""), verdict));
	}

	private static byte[] batchOfOne(byte[] event) {
		byte[] open = "{\"batch\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] close = "]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] out = java.util.Arrays.copyOf(open, open.length + event.length + close.length);
		System.arraycopy(event, 0, out, open.length, event.length);
		System.arraycopy(close, 0, out, open.length + event.length, close.length);
		return out;
	}

	/**
	 * A replayed reject that its contract's gate holds is not let through: it becomes a
	 * held message for a person to decide, and the reject is marked replayed as that held
	 * message, in one transaction.
	 */
	private Outcome hold(Reject reject, byte[] payload, Edge edge, Contract contract, Shaped shaped,
			java.util.function.BiConsumer<String, String> onAccepted) {
		Verdict verdict = shaped.verdict();
		if (edge.queue()) {
			return Outcome.conflict(HandoffComponent.ungated("edge '" + edge.name() + "'", contract.name()));
		}
		Truth next = verdict.newTruth();
		String id = next != null ? next.messageId() : UUID.randomUUID().toString();
		Held held = Held
			.now(id, edge.name(), contract.name(), contract.sha256(), verdict.campaign(), verdict.version(), payload,
					reject.contentType(), next != null ? null : shaped.outgoing(), next == null ? null : next.fields(),
					shaped.target(), verdict.gate())
			.calling(shaped.options().stored());
		boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!rejects.markReplayed(reject.id(), id)) {
				return false;
			}
			heldStore.insert(held);
			onAccepted.accept(id, Held.HELD);
			return true;
		}));
		if (!stored) {
			return Outcome.conflict("reject " + reject.id() + " was replayed or discarded meanwhile");
		}
		return Outcome.of(ReplayAnswer.held(reject.id(), id, verdict));
	}

	/**
	 * A replayed message as its route would send it on: the guard's verdict, the payload
	 * for the tool and where it goes.
	 */
	private record Shaped(Verdict verdict, byte[] outgoing, String target, DeliveryOptions options) {
	}

	/**
	 * Judges the payload and shapes it the way a live message on its edge is: through the
	 * route's own steps, so that a transform between guard and accept, or a choice
	 * between two accepts, applies to a replay too. A batch edge's event goes on as a
	 * batch of one (the shape that edge's tool takes); a queue edge's to its output
	 * topic.
	 */
	private Shaped shape(Reject reject, Edge edge, Contract contract, byte[] payload) {
		if (edge.batch() || edge.queue()) {
			Verdict verdict = guard.check(contract, contracts.current().taxonomy(), payload);
			byte[] forwarded = verdict.forwarded();
			return new Shaped(verdict, forwarded == null || !edge.batch() ? forwarded : batchOfOne(forwarded),
					edge.deliverTo(), DeliveryOptions.POST);
		}
		RouteRun run = RouteRuns.run(producer.getCamelContext(), edge.name(), payload, reject.contentType());
		Verdict verdict = run.verdict();
		if (verdict != null && !verdict.accepted() && !verdict.held()) {
			return new Shaped(verdict, null, null, DeliveryOptions.POST);
		}
		return new Shaped(verdict, run.outgoing(), run.deliverTo(), run.options());
	}

	/**
	 * Whether today's contracts and truth would accept (or hold) the reject, without
	 * changing anything.
	 */
	public boolean wouldAccept(Reject reject) {
		Verdict verdict = reject.status() == Reject.Status.OPEN ? judge(reject, reject.payload()) : null;
		return verdict != null && (verdict.accepted() || verdict.held());
	}

	/**
	 * What today's contracts and truth would make of the reject sent on with this
	 * payload, without storing or sending anything: a replay's dry run. Null when its
	 * edge is no longer served.
	 */
	public Verdict judge(Reject reject, byte[] payload) {
		Edge edge = edges.find(reject.edge()).orElse(null);
		Contract contract = edge == null ? null : contracts.find(edge.contract()).orElse(null);
		if (contract == null) {
			return null;
		}
		return edge.batch() || edge.queue() ? guard.check(contract, contracts.current().taxonomy(), payload)
				: RouteRuns.run(producer.getCamelContext(), edge.name(), payload, reject.contentType()).verdict();
	}

	public Outcome replay(Reject reject) {
		return replay(reject, reject.payload(), (deliveryId, outcome) -> {
		});
	}

	/**
	 * Replays a reject with the given payload (its own, or a person's correction of it).
	 * {@code onAccepted} runs with the delivery or held id and the outcome
	 * ({@code accepted} or {@code held}), inside the transaction that marks it replayed,
	 * so what it writes (the audit row) lands with the change or not at all.
	 */
	public Outcome replay(Reject reject, byte[] payload, java.util.function.BiConsumer<String, String> onAccepted) {
		if (reject.status() != Reject.Status.OPEN) {
			return Outcome.conflict("reject " + reject.id() + " is " + reject.status().lowerCase()
					+ "; only an open reject can be replayed");
		}
		Edge edge = edges.find(reject.edge()).orElse(null);
		Contract contract = edge == null ? null : contracts.find(edge.contract()).orElse(null);
		if (contract == null) {
			return Outcome.conflict("edge '" + reject.edge() + "' is no longer served; it cannot be replayed");
		}
		Shaped shaped = shape(reject, edge, contract, payload);
		Verdict verdict = shaped.verdict();
		if (verdict.held()) {
			return hold(reject, payload, edge, contract, shaped, onAccepted);
		}
		if (!verdict.accepted()) {
			return Outcome.of(ReplayAnswer.rejected(reject.id(), verdict));
		}
		// a message the tool refused goes out again under its first id, so the tool sees
		// the same Idempotency-Key
		String id = reject.outboxId() != null ? reject.outboxId()
				: verdict.newTruth() != null ? verdict.newTruth().messageId() : UUID.randomUUID().toString();
		if (edge.queue()) {
			return toTopic(reject, edge, verdict, onAccepted);
		}
		byte[] message = shaped.outgoing() == verdict.forwarded() ? null : verdict.forwarded();
		boolean replayed = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!rejects.markReplayed(reject.id(), id)) {
				tx.setRollbackOnly();
				return false;
			}
			onAccepted.accept(id, "accepted");
			if (verdict.newTruth() != null) {
				truth.record(verdict.newTruth());
			}
			if (reject.outboxId() != null && shaped.target() != null) {
				if (!outbox.requeue(reject.outboxId(), shaped.target(), shaped.options().stored(), shaped.outgoing(),
						message)) {
					tx.setRollbackOnly();
					return false;
				}
			}
			else if (shaped.target() != null) {
				dispatcher
					.store(OutboxEntry.pending(id, edge.name(), contract.name(), contract.sha256(), verdict.campaign(),
							verdict.version(), shaped.target(), shaped.outgoing(), message, shaped.options().stored()));
			}
			return true;
		}));
		if (!replayed) {
			return Outcome.conflict("reject " + reject.id() + " was replayed or discarded meanwhile");
		}
		dispatcher.nudge();
		return Outcome.of(ReplayAnswer.accepted(reject.id(), id, verdict));
	}

}
