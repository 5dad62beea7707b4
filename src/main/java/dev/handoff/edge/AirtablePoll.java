package dev.handoff.edge;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.delivery.TargetCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the poll in routes/brief-airtable.yaml that no Camel component takes. The
 * schedule is Camel's timer and each page is a call of Camel's http component; but what
 * to ask for depends on the cursor in the database, the token is the edge's credentials
 * (never in the route file), and what was taken is remembered in the transaction that
 * stores each record's outcome, which only the edge's own steps hold.
 * <ol>
 * <li>{@link #begin}: the formula (the filter, and changed since the last whole poll
 * began, less the overlap) and the request for the first page;</li>
 * <li>{@link #page}: Airtable's answer: its records, and the request for the next page
 * while it names an offset. A 429 asks for the same page again after {@code Retry-After}
 * (else 30 s); any other refusal stops the poll;</li>
 * <li>{@link #record}: a record's key, its id and a hash of its content: one taken before
 * goes no further, and the memory of one that goes on is stored with its outcome;</li>
 * <li>{@link #end}: every record of the poll is stored, so the cursor moves to when it
 * began.</li>
 * </ol>
 */
final class AirtablePoll {

	/**
	 * The edge the shipped route feeds: its credentials carry Airtable's token, and its
	 * name keys the cursor and the memory.
	 */
	static final String EDGE = "brief-airtable";

	/**
	 * Exchange properties the route reads: whether another page is to be asked for, and
	 * how long to wait first (ms).
	 */
	static final String MORE = "airtableMore";

	static final String WAIT = "airtableWait";

	/** The records of the page in hand, as JSON bytes each. */
	static final String RECORDS = "airtableRecords";

	/** Whether the record in hand was not taken before. */
	static final String NEW = "airtableNew";

	private static final String BEGAN = "airtableBegan";

	private static final String QUERY = "airtableQuery";

	private static final String OFFSET = "airtableOffset";

	/**
	 * Airtable's record ids ({@code rec} and 14 characters); anything else does not go
	 * into a key.
	 */
	private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

	/**
	 * The shortest and the longest wait after a 429, whatever {@code Retry-After} says.
	 */
	private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

	private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	private static final Logger log = LoggerFactory.getLogger(AirtablePoll.class);

	private final AirtableProperties settings;

	private final PollStore store;

	private final TargetCredentials credentials;

	private final ObjectMapper mapper;

	/**
	 * Writes a record with the keys of every object sorted, so that the same content has
	 * one hash in any key order.
	 */
	private final ObjectWriter sorted;

	AirtablePoll(AirtableProperties settings, PollStore store, TargetCredentials credentials, ObjectMapper mapper) {
		this.settings = settings;
		this.store = store;
		this.credentials = credentials;
		this.mapper = mapper;
		this.sorted = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
	}

	void begin(Exchange exchange) {
		Instant began = Instant.now();
		Instant since = store.since(EDGE).map(s -> s.minus(settings.overlap())).orElse(null);
		String formula = formula(settings.filter(), since);
		exchange.setProperty(BEGAN, began);
		exchange.setProperty(QUERY,
				(formula.isEmpty() ? "" : "filterByFormula=" + encode(formula) + "&") + "pageSize=100");
		exchange.setProperty(MORE, true);
		exchange.setProperty(WAIT, 0L);
		exchange.setProperty(RECORDS, List.of());
		exchange.removeProperty(OFFSET);
		request(exchange, null);
	}

	void page(Exchange exchange) {
		Message message = exchange.getMessage();
		int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
		byte[] body = message.getBody(byte[].class);
		String offset = exchange.getProperty(OFFSET, String.class);
		if (status == 429) {
			Duration wait = retryAfter(message.getHeader("Retry-After", String.class));
			log.warn("Airtable asks the poll of {} to wait {} s ({}); the same page is asked for again then", EDGE,
					wait.toSeconds(), error(body));
			exchange.setProperty(WAIT, wait.toMillis());
			exchange.setProperty(RECORDS, List.of());
			request(exchange, offset);
			return;
		}
		if (status != 200) {
			if (status == 401) {
				// an OAuth2 token in hand may have run out: the next poll fetches a new
				// one
				credentials.rejected(EDGE);
			}
			throw new IllegalStateException("Airtable answered " + status + " " + error(body) + hint(status));
		}
		JsonNode answer = read(body);
		if (!answer.path("records").isArray()) {
			throw new IllegalStateException("Airtable answered 200 without a records array: " + excerpt(body));
		}
		List<byte[]> records = new ArrayList<>();
		for (JsonNode record : answer.get("records")) {
			records.add(write(record));
		}
		String next = answer.path("offset").isTextual() ? answer.get("offset").asText() : null;
		exchange.setProperty(RECORDS, records);
		exchange.setProperty(WAIT, 0L);
		exchange.setProperty(MORE, next != null);
		exchange.setProperty(OFFSET, next);
		if (next != null) {
			request(exchange, next);
		}
		else {
			message.removeHeaders("*");
			message.setBody(null);
		}
	}

	void record(Exchange exchange) {
		Message message = exchange.getMessage();
		byte[] record = message.getBody(byte[].class);
		// the record goes on alone: nothing of the request (its token) or of Airtable's
		// answer travels with it
		message.removeHeaders("*");
		message.setHeader(Exchange.CONTENT_TYPE, "application/json");
		String key = key(record);
		exchange.setProperty(NEW, !store.taken(EDGE, key));
		exchange.setProperty(Outcomes.IDEMPOTENCY_KEY, key);
		exchange.setProperty(Outcomes.STORED_WITH, (Runnable) () -> store.took(EDGE, key));
	}

	void end(Exchange exchange) {
		store.advance(EDGE, exchange.getProperty(BEGAN, Instant.class));
		exchange.getMessage().removeHeaders("*");
		exchange.getMessage().setBody(null);
	}

	/**
	 * The formula Airtable filters with: the configured filter and, after a first whole
	 * poll, changed since then.
	 */
	static String formula(String filter, Instant since) {
		String changed = since == null ? ""
				: "IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('" + since.truncatedTo(ChronoUnit.SECONDS) + "'))";
		if (filter.isEmpty() || changed.isEmpty()) {
			return filter + changed;
		}
		return "AND(" + filter + ", " + changed + ")";
	}

	/**
	 * The record's id and the SHA-256 of its content: a record edited in any field (its
	 * version, its status) is new.
	 */
	String key(byte[] record) {
		JsonNode node = read(record);
		String id = node.path("id").isTextual() && RECORD_ID.matcher(node.get("id").asText()).matches()
				? node.get("id").asText() : "-";
		try {
			byte[] canonical = sorted.writeValueAsBytes(mapper.treeToValue(node, Object.class));
			return id + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (IOException | NoSuchAlgorithmException e) {
			throw new IllegalStateException("a parsed record always hashes", e);
		}
	}

	/**
	 * The request for the page at this offset (the first without one): only the query and
	 * the edge's credentials go.
	 */
	private void request(Exchange exchange, String offset) {
		Message message = exchange.getMessage();
		message.removeHeaders("*");
		message.setBody(null);
		credentials.headers(EDGE).forEach(message::setHeader);
		message.setHeader("Accept", "application/json");
		message.setHeader(Exchange.HTTP_QUERY,
				exchange.getProperty(QUERY, String.class) + (offset == null ? "" : "&offset=" + encode(offset)));
	}

	/**
	 * {@code Retry-After} in seconds or as an HTTP date; without one, the configured
	 * wait. At least a second, so that a {@code 0} cannot make the poll ask again and
	 * again; at most {@link #LONGEST_WAIT}.
	 */
	Duration retryAfter(String header) {
		Duration wait = settings.rateLimitWait();
		if (header != null) {
			try {
				wait = Duration.ofSeconds(Long.parseLong(header.strip()));
			}
			catch (NumberFormatException e) {
				try {
					wait = Duration.between(Instant.now(),
							ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
				}
				catch (DateTimeParseException notADate) {
					// neither: the configured wait
				}
			}
		}
		return wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT
				: wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
	}

	/**
	 * Airtable's error, {@code {"error": {"type": ..., "message": ...}}} or
	 * {@code {"error": "NOT_FOUND"}}, in one line.
	 */
	private String error(byte[] body) {
		try {
			JsonNode error = mapper.readTree(body == null ? new byte[0] : body).path("error");
			if (error.isTextual()) {
				return error.asText();
			}
			if (error.isObject()) {
				return credentials.scrub(error.path("type").asText("?") + ": " + error.path("message").asText(""));
			}
		}
		catch (IOException | RuntimeException e) {
			// not Airtable's shape: the excerpt says what came
		}
		return excerpt(body);
	}

	private String excerpt(byte[] body) {
		String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
		return credentials.scrub(text.length() > 200 ? text.substring(0, 200) + "..." : text);
	}

	/**
	 * What an operator most likely has to change, for the refusals Airtable documents.
	 */
	private static String hint(int status) {
		return switch (status) {
			case 401 -> "; is handoff.delivery.edges." + EDGE + ".auth a valid personal access token?";
			case 403 -> "; may the token read records (data.records:read) of this base?";
			case 404 -> "; are handoff.airtable.base and handoff.airtable.table right?";
			case 422 ->
				"; is handoff.airtable.filter a valid formula? (an expired offset is read again from the first page)";
			default -> "";
		};
	}

	private JsonNode read(byte[] body) {
		try {
			return mapper.readTree(body == null ? new byte[0] : body);
		}
		catch (IOException e) {
			throw new IllegalStateException("Airtable's answer is not JSON: " + excerpt(body), e);
		}
	}

	private byte[] write(JsonNode record) {
		try {
			return mapper.writeValueAsBytes(record);
		}
		catch (IOException e) {
			throw new IllegalStateException("a parsed record always serialises", e);
		}
	}

	/**
	 * A query parameter's value, percent-encoded ({@code %20}, not {@code +}, for a
	 * space).
	 */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
