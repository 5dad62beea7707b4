package dev.handoff.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import dev.handoff.gate.Held;
import dev.handoff.gate.HeldStore;
import dev.handoff.guard.Guard;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import dev.handoff.guard.Violations;
import dev.handoff.json.StrictJson;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.contract.FolderFingerprint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code handoff:batch:<contract>?deliverTo=URL}: a Segment-style batch ({@code {"batch":
 * [event, ...]}}) whose events are guarded one by one. The good ones go on together as
 * one batch; each bad one becomes a reject of its own, with its index in the batch, so
 * one bad event never holds back or throws away the rest; an event a gate holds waits on
 * its own for a person. All of it is stored in one transaction before the answer: 202
 * when at least one event was accepted or held, else 422; or, with
 * {@code answer=segment}, Segment's own answer (200 {@code {"success": true}} once
 * everything is stored, 400 with {@code code} and {@code message} for a body that is no
 * batch), because Segment's libraries send a batch again on anything else. With
 * {@code eventKey=/messageId} each event is taken once: an event whose key this edge
 * already took (a library's retry of a batch whose answer it lost) is skipped.
 */
final class BatchStep implements Processor {

	private final String contractName;

	private final String deliverTo;

	private final ContractRegistry contracts;

	private final Guard guard;

	private final RejectStore rejects;

	private final Outcomes outcomes;

	private final Dispatcher dispatcher;

	private final StrictJson json;

	private final ObjectMapper mapper;

	private final HeldStore heldStore;

	private final EdgeMetrics metrics;

	/**
	 * What the next tool takes, in bytes; 0 where the route sets no limit.
	 *
	 * @param event the most one event may weigh as it goes on (Segment: 32 KB); a heavier
	 * one is a reject of its own
	 * @param batch the most one batch request may weigh (Segment: 500 KB); more good
	 * events than that go as several
	 */
	record Limits(int event, int batch) {
	}

	/** How the sender is answered. */
	enum Answer {

		/** Handoff's own answer: 202 or 422 with the id and every reject. */
		HANDOFF,
		/**
		 * Segment's: 200 {@code {"success": true}}, or 400 with {@code code} and
		 * {@code message}.
		 */
		SEGMENT

	}

	/**
	 * How the route shapes its batches.
	 *
	 * @param items where the events are: a JSON pointer ({@code /batch}, Segment's), or
	 * {@code ""} for a body that is an array (HubSpot's)
	 * @param sizes what the next tool takes
	 * @param eventKey a pointer, in each event, to its own idempotency key
	 * ({@code /messageId}), or null; a key missing from an event is generated there
	 * @param answer how the sender is answered
	 * @param pass the values of an event's {@code type} that go on unjudged (Segment's
	 * calls that carry no campaign: identify, page, ...); empty when every event is
	 * judged
	 */
	record Shape(String items, Limits sizes, String eventKey, Answer answer, Set<String> pass) {
	}

	/**
	 * Events' own keys are kept beside the requests' Idempotency-Keys, under a prefix no
	 * header key can have (a space).
	 */
	private static final String EVENT_KEY = "event ";

	private final String items;

	private final Limits sizes;

	private final String eventKey;

	private final Answer answer;

	private final InboundKeys keys;

	private final Set<String> pass;

	/**
	 * Which routes map what the tool sends (HubSpot's events, say) before this step, to
	 * the contract's events.
	 */
	private final EdgeRegistry edges;

	BatchStep(String contractName, String deliverTo, Shape shape, EdgeRegistry edges, ContractRegistry contracts,
			Guard guard, RejectStore rejects, Outcomes outcomes, InboundKeys keys, Dispatcher dispatcher,
			GuardProperties limits, ObjectMapper mapper, HeldStore heldStore, EdgeMetrics metrics) {
		this.contractName = contractName;
		this.deliverTo = deliverTo;
		this.sizes = shape.sizes();
		this.items = shape.items();
		this.eventKey = shape.eventKey();
		this.answer = shape.answer();
		this.pass = shape.pass();
		this.keys = keys;
		this.edges = edges;
		this.contracts = contracts;
		this.guard = guard;
		this.rejects = rejects;
		this.outcomes = outcomes;
		this.dispatcher = dispatcher;
		this.json = new StrictJson(limits.maxDepth(), limits.maxNumberLength(), limits.maxBytes());
		this.mapper = mapper;
		this.heldStore = heldStore;
		this.metrics = metrics;
	}

	@Override
	public void process(Exchange exchange) throws IOException {
		ContractSet set = contracts.current();
		Contract contract = set.require(contractName);
		byte[] body = edges.mapped(exchange.getFromRouteId()) ? Bodies.bytes(exchange) : GuardStep.rawBody(exchange);
		String edge = exchange.getFromRouteId();
		String call = answer == Answer.SEGMENT ? SegmentCall.of(exchange) : null;
		JsonNode root = readRoot(body);
		JsonNode batch = root == null ? null : call == null ? batchAt(root) : asBatch(root, call);
		if (batch == null) {
			// not a batch at all: the whole body is one reject, as for a single message
			Verdict verdict = metrics.timeGuard(edge, () -> guard.check(contract, set.taxonomy(), body));
			List<Violation> violations = verdict.violations().isEmpty() ? List.of(Violations.notABatch(items))
					: verdict.violations();
			rejectWhole(exchange, edge, contract, body, violations);
			return;
		}
		if (batch.isEmpty()) {
			rejectWhole(exchange, edge, contract, body, List.of(Violations.emptyBatch(items)));
			return;
		}
		if (answer == Answer.SEGMENT) {
			sharedContext(root, batch);
		}
		List<EdgeAnswer.RejectedEvent> rejected = new ArrayList<>();
		List<Reject> toStore = new ArrayList<>();
		List<EdgeAnswer.HeldEvent> heldBack = new ArrayList<>();
		List<Held> toHold = new ArrayList<>();
		ArrayNode good = mapper.createArrayNode();
		List<String> taken = new ArrayList<>();
		int repeated = 0;
		for (int index = 0; index < batch.size(); index++) {
			int i = index;
			String key = eventKey(batch.get(i));
			if (key != null && (taken.contains(key) || keys.find(edge, key).isPresent())) {
				// taken before: the sender sends a batch again whose answer it did not
				// get
				repeated++;
				continue;
			}
			if (key != null) {
				taken.add(key);
			}
			byte[] event = mapper.writeValueAsBytes(batch.get(i));
			Verdict verdict;
			if (passes(batch.get(i))) {
				// a call the route lets through unjudged (Segment's identify, page, ...):
				// only the tool's size limit holds
				if (sizes.event() == 0 || event.length <= sizes.event()) {
					good.add(batch.get(i));
					continue;
				}
				verdict = new Verdict(contract, event, List.of(Violations.tooLargeForTool(event.length, sizes.event())),
						null, List.of(), List.of(), null, null, null, null);
			}
			else {
				Verdict judged = metrics.timeGuard(edge, () -> guard.check(contract, set.taxonomy(), event));
				verdict = sizes.event() > 0 && judged.forwarded() != null && judged.forwarded().length > sizes.event()
						? new Verdict(contract, event,
								List.of(Violations.tooLargeForTool(judged.forwarded().length, sizes.event())), null,
								List.of(), List.of(), judged.campaign(), judged.version(), null, null)
						: judged;
			}
			if (verdict.accepted()) {
				good.add(mapper.readTree(verdict.forwarded()));
				continue;
			}
			if (verdict.held()) {
				// approved on its own later, it goes on as a batch of one, the shape this
				// edge's tool takes
				ObjectNode one = mapper.createObjectNode();
				one.putArray("batch").add(mapper.readTree(verdict.forwarded()));
				Held held = Held.now(UUID.randomUUID().toString(), edge, contract.name(), contract.sha256(),
						verdict.campaign(), verdict.version(), event, "application/json", mapper.writeValueAsBytes(one),
						null, deliverTo, verdict.gate());
				toHold.add(held);
				heldBack.add(new EdgeAnswer.HeldEvent(i, held.id(), held.reason()));
				continue;
			}
			String id = UUID.randomUUID().toString();
			List<Violation> violations = verdict.violations()
				.stream()
				.map(v -> new Violation(items + "/" + i + v.pointer(), v.rule(),
						"event " + i + " of the batch: " + v.message(), v.expected(), v.actual(), v.detail()))
				.toList();
			toStore.add(Reject.refusedInBatch(id, edge, contract.name(), contract.sha256(), verdict.campaign(), event,
					violations));
			rejected.add(new EdgeAnswer.RejectedEvent(i, id, violations));
		}
		String id = UUID.randomUUID().toString();
		EdgeAnswer answered = EdgeAnswer.partlyAccepted(id, edge, good.size(), rejected, heldBack, repeated);
		List<byte[]> payloads = batches(good);
		boolean nothingTaken = good.isEmpty() && heldBack.isEmpty() && !rejected.isEmpty();
		int status = answer == Answer.SEGMENT ? 200 : nothingTaken ? 422 : 202;
		Object reply = answer == Answer.SEGMENT ? SegmentReply.TAKEN : answered;
		// what a later send of one of these events alone is answered: the delivery it
		// went with
		byte[] eventAnswer = mapper.writeValueAsBytes(new EventAnswer(id));
		boolean stored = outcomes.commit(exchange, status, reply, () -> {
			taken.forEach(key -> keys.remember(edge, key, status, eventAnswer));
			toStore.forEach(rejects::insert);
			toHold.forEach(heldStore::insert);
			if (deliverTo != null) {
				// the first batch under the id the sender was answered with; more, when
				// the tool's size limit splits them
				for (int part = 0; part < payloads.size(); part++) {
					dispatcher.store(OutboxEntry.pending(part == 0 ? id : UUID.randomUUID().toString(), edge,
							contract.name(), contract.sha256(), null, null, deliverTo, payloads.get(part)));
				}
			}
		});
		if (stored) {
			// counted per event, not per request, so a batch edge's figures compare with
			// a single-event edge's
			metrics.answered(edge, EdgeMetrics.Outcome.ACCEPTED, good.size());
			metrics.answered(edge, EdgeMetrics.Outcome.HELD, toHold.size());
			toStore.forEach(r -> metrics.rejected(edge, r.violations()));
		}
		else {
			metrics.duplicate(edge);
		}
		for (int i = 0; i < repeated; i++) {
			metrics.duplicate(edge);
		}
	}

	/**
	 * A single call of Segment's HTTP Tracking API ({@code POST /v1/track}, ...) as a
	 * batch of one: its type is the call's when it names none, and the write key it may
	 * carry stays here. Null when the body is no JSON object.
	 */
	private JsonNode asBatch(JsonNode root, String call) {
		if (!(root instanceof ObjectNode event)) {
			return null;
		}
		if (!event.hasNonNull("type")) {
			event.put("type", call);
		}
		event.remove("writeKey");
		return mapper.createArrayNode().add(event);
	}

	/** Whether the route lets this event through unjudged, by its {@code type}. */
	private boolean passes(JsonNode event) {
		return !pass.isEmpty() && event.path("type").isTextual() && pass.contains(event.get("type").asText());
	}

	/**
	 * Segment's libraries (analytics-java) put the context they share, the library's name
	 * and version, once on the batch instead of on every event, and Segment reads it as
	 * each event's: so does this, an event's own fields winning.
	 */
	private static void sharedContext(JsonNode root, JsonNode batch) {
		JsonNode shared = root.get("context");
		if (!(shared instanceof ObjectNode context)) {
			return;
		}
		for (JsonNode event : batch) {
			if (event instanceof ObjectNode object) {
				ObjectNode merged = context.deepCopy();
				if (object.get("context") instanceof ObjectNode own) {
					merged.setAll(own);
				}
				object.set("context", merged);
			}
		}
	}

	/**
	 * An event's own idempotency key, as kept: null when the route names none. An event
	 * without one gets one (a UUID, written into it, so the tool sees the same), as
	 * Segment's API does.
	 */
	private String eventKey(JsonNode event) {
		if (eventKey == null || !(event instanceof ObjectNode object)) {
			return null;
		}
		JsonNode own = object.at(eventKey);
		String value;
		if (own.isValueNode() && !own.isNull() && !own.asText().isEmpty()) {
			value = own.asText();
		}
		else {
			value = UUID.randomUUID().toString();
			if (eventKey.lastIndexOf('/') == 0) {
				object.put(eventKey.substring(1), value);
			}
		}
		// an idempotency key is at most 200 characters: a longer one is kept by its
		// digest
		String key = EVENT_KEY + value;
		return key.length() <= 200 ? key : EVENT_KEY + FolderFingerprint.sha256(value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The good events as {@code {"batch": [...]}} requests, each within the tool's batch
	 * limit; none when there are none.
	 */
	private List<byte[]> batches(ArrayNode good) throws IOException {
		List<byte[]> payloads = new ArrayList<>();
		ArrayNode part = mapper.createArrayNode();
		int size = EMPTY_BATCH;
		for (JsonNode event : good) {
			int weight = mapper.writeValueAsBytes(event).length + 1;
			if (sizes.batch() > 0 && !part.isEmpty() && size + weight > sizes.batch()) {
				payloads.add(batchOf(part));
				part = mapper.createArrayNode();
				size = EMPTY_BATCH;
			}
			part.add(event);
			size += weight;
		}
		if (!part.isEmpty()) {
			payloads.add(batchOf(part));
		}
		return payloads;
	}

	/** {@code {"batch":[]}}: what a batch weighs before its events and their commas. */
	private static final int EMPTY_BATCH = "{\"batch\":[]}".length();

	private byte[] batchOf(ArrayNode events) throws IOException {
		ObjectNode batch = mapper.createObjectNode();
		batch.set("batch", events);
		return mapper.writeValueAsBytes(batch);
	}

	/** A {@code "writeKey": "..."} as analytics-java sends it, well formed or not. */
	private static final Pattern WRITE_KEY = Pattern.compile("(\"writeKey\"\\s*:\\s*\")[^\"]*(\")");

	/**
	 * The body as kept in a reject: byte for byte, but for the value of its write key, a
	 * secret that no reject may show. Read as ISO-8859-1, one char per byte, so bytes
	 * that are not UTF-8 come back as they were.
	 */
	static byte[] withoutWriteKey(byte[] body) {
		String text = new String(body, StandardCharsets.ISO_8859_1);
		String hidden = WRITE_KEY.matcher(text).replaceAll("$1[hidden]$2");
		return hidden.equals(text) ? body : hidden.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The body as JSON, read once with the edge's limits; null when it is not JSON. */
	private JsonNode readRoot(byte[] body) {
		try {
			return json.read(body);
		}
		catch (IOException e) {
			return null;
		}
	}

	/**
	 * The array at the route's pointer ({@code /batch} unless it says otherwise), or null
	 * when the body has none there.
	 */
	private JsonNode batchAt(JsonNode root) {
		JsonNode batch = root.at(items);
		return batch.isArray() ? batch : null;
	}

	private void rejectWhole(Exchange exchange, String edge, Contract contract, byte[] body,
			List<Violation> violations) {
		String id = UUID.randomUUID().toString();
		byte[] kept = answer == Answer.SEGMENT ? withoutWriteKey(body) : body;
		Reject reject = Reject.refusedInBatch(id, edge, contract.name(), contract.sha256(), null, kept, violations);
		// Segment's libraries give up on a 400 and retry anything else: what is stored
		// must not come again
		Object reply = answer == Answer.SEGMENT
				? SegmentReply.refused("the body was refused: " + violations.get(0).message()
						+ "; it is kept in Handoff's rejected queue as " + id)
				: EdgeAnswer.rejected(id, edge, violations);
		if (outcomes.commit(exchange, answer == Answer.SEGMENT ? 400 : 422, reply, () -> rejects.insert(reject))) {
			metrics.rejected(edge, violations);
		}
		else {
			metrics.duplicate(edge);
		}
	}

	/**
	 * What a Segment library is answered, in Segment's own shape: taken, or refused with
	 * a code and a message.
	 */
	@JsonPropertyOrder({ "success", "code", "message" })
	record SegmentReply(boolean success, @JsonInclude(JsonInclude.Include.NON_NULL) String code,
			@JsonInclude(JsonInclude.Include.NON_NULL) String message) {

		static final SegmentReply TAKEN = new SegmentReply(true, null, null);

		static SegmentReply refused(String message) {
			return new SegmentReply(false, "invalid_request", message);
		}
	}

	/** The answer kept under each event's own idempotency key. */
	record EventAnswer(String id) {
	}

}
