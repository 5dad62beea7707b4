package dev.handoff.edge;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.api.Problems;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Violations;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.Reject;
import dev.handoff.inbound.InboundAuth;
import dev.handoff.inbound.Refusal;
import dev.handoff.inbound.Verifier;
import dev.handoff.reject.RejectStore;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands at the door of every edge, {@code POST /edges/*} and any other path a guarding
 * route serves (a tool's own, such as {@code /v1/batch}), before Camel reads anything: an
 * unknown edge under {@code /edges/} is 404, a sender the edge's route does not let in
 * 401 and a non-JSON body 415 (none is stored); a body over the size limit is never read
 * whole: the sender gets 413 and, when it is known to be the edge's, its first bytes are
 * stored as a {@code too-large} reject. A retry with an idempotency key that was already
 * answered gets that answer again. Who may send is decided by the edge's
 * {@link Verifier}; this filter only asks it, before anything is stored or answered from
 * storage.
 */
class EdgeEntryFilter extends OncePerRequestFilter {

	/**
	 * The request attribute holding the body exactly as received; Camel's own copy went
	 * through a Reader.
	 */
	static final String RAW_BODY = "dev.handoff.edge.rawBody";

	private static final String EDGES = "/edges/";

	private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");

	private static final Logger log = LoggerFactory.getLogger(EdgeEntryFilter.class);

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final RejectStore rejects;

	private final GuardProperties limits;

	private final InboundKeys keys;

	private final InboundAuth inbound;

	private final EdgeMetrics metrics;

	private final ObjectMapper mapper;

	private final TransactionTemplate transactions;

	EdgeEntryFilter(EdgeRegistry edges, ContractRegistry contracts, RejectStore rejects, GuardProperties limits,
			InboundKeys keys, InboundAuth inbound, EdgeMetrics metrics, ObjectMapper mapper,
			TransactionTemplate transactions) {
		this.edges = edges;
		this.contracts = contracts;
		this.rejects = rejects;
		this.limits = limits;
		this.keys = keys;
		this.inbound = inbound;
		this.metrics = metrics;
		this.mapper = mapper;
		this.transactions = transactions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Edge edge = "POST".equals(request.getMethod()) ? edges.atPath(path).orElse(null) : null;
		if (edge == null) {
			// an edge fed from a queue or by a poll has no path: to a sender it does not
			// exist
			if ("POST".equals(request.getMethod()) && path.startsWith(EDGES)) {
				problem(response, Problems.unknownEdge(path.substring(EDGES.length())));
			}
			else {
				chain.doFilter(request, response);
			}
			return;
		}
		try {
			admit(edge, request, response, chain);
		}
		catch (DataAccessException e) {
			log.error("Edge entry cannot reach the database: {}", e.getMessage());
			response.setHeader("Retry-After", "5");
			problem(response, Problems.unavailable());
		}
	}

	/**
	 * In this order (the edge exists, found by its path): the sender's credential holds
	 * (or, for a signature, its headers are there and its time is fresh), the body is
	 * JSON, the key is well formed, the body is within the limit, the signature holds,
	 * and only then is a retry answered again, so a sender the edge does not know never
	 * sees a stored answer and never gets anything stored.
	 */
	private void admit(Edge edge, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Verifier verifier = inbound.verifier(edge.name(), edge.inbound());
		Refusal refusal = verifier.headers(request).orElse(null);
		if (refusal != null) {
			refuse(edge, response, refusal);
			return;
		}
		String contentType = request.getContentType();
		String key = idempotencyKey(request);
		Turned framing = framing(edge, contentType, request.getHeader("Content-Encoding"), key);
		if (framing != null) {
			turn(edge, response, framing);
			return;
		}
		long declared = request.getContentLengthLong();
		Read read = readWhole(request, declared);
		if (read.turned() != null) {
			turn(edge, response, read.turned());
			return;
		}
		byte[] body = read.body();
		if (declared > limits.maxBytes() || body.length > limits.maxBytes()) {
			tooLarge(edge, verifier, body, declared < 0 ? null : declared, contentType, key, response);
			return;
		}
		refusal = verifier.body(request, body).orElse(null);
		if (refusal != null) {
			refuse(edge, response, refusal);
			return;
		}
		if (key != null) {
			InboundKeys.Answer first = keys.find(edge.name(), key).orElse(null);
			if (first != null) {
				replay(edge, first, response);
				return;
			}
			request.setAttribute(Outcomes.IDEMPOTENCY_KEY, key);
		}
		request.setAttribute(RAW_BODY, body);
		// the whole body is read: only now, for the route's own work, does the message
		// keep a reload waiting
		long stamp = edges.serving();
		boolean handedOver = false;
		try {
			Edge now = edges.find(edge.name()).orElse(null);
			if (now == null) {
				problem(response, Problems.unknownEdge(edge.name()));
			}
			else if (!now.equals(edge)) {
				response.setHeader("Retry-After", "1");
				problem(response, Problems.edgeReloaded(edge.name()));
			}
			else {
				chain.doFilter(new CachedBody(request, body), response);
				// Camel's route answers on a thread of its own: the message is in the
				// route until that answer is complete
				if (request.isAsyncStarted()) {
					request.getAsyncContext().addListener(new Served(() -> edges.served(stamp)));
					handedOver = true;
				}
			}
		}
		finally {
			if (!handedOver) {
				edges.served(stamp);
			}
		}
	}

	/**
	 * Gives the route's stamp back once, when an asynchronous answer ends however it
	 * ends.
	 */
	private static final class Served implements AsyncListener {

		private final AtomicBoolean done = new AtomicBoolean();

		private final Runnable release;

		Served(Runnable release) {
			this.release = release;
		}

		private void end() {
			if (done.compareAndSet(false, true)) {
				release.run();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			end();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			end();
		}

		@Override
		public void onError(AsyncEvent event) {
			end();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// the same answer goes on: it still ends in one of the above
			event.getAsyncContext().addListener(this);
		}

	}

	/**
	 * A retry: the sender gets the first answer again and nothing is judged or stored
	 * twice.
	 */
	private void replay(Edge edge, InboundKeys.Answer first, HttpServletResponse response) throws IOException {
		metrics.duplicate(edge.name());
		response.setStatus(first.status());
		// the only stored answer that is a problem document is the 413 of an oversized
		// body
		response.setContentType(first.status() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
				? "application/problem+json" : "application/json");
		response.setHeader("Idempotent-Replayed", "true");
		response.getOutputStream().write(first.body());
	}

	/**
	 * 413 for a body over the limit. Its first bytes are kept as a {@code too-large}
	 * reject when the sender is known (its credential held, or the route let anyone in),
	 * together with its idempotency key, so a retry stores nothing twice and gets the
	 * same answer; a signature, though, is over the whole body, which is never read, so
	 * its sender cannot be known and nothing of it is kept.
	 */
	private void tooLarge(Edge edge, Verifier verifier, byte[] body, Long declared, String contentType, String key,
			HttpServletResponse response) throws IOException {
		if (verifier.needsBody()) {
			metrics.answered(edge.name(), EdgeMetrics.Outcome.TOO_LARGE);
			problem(response, Problems.tooLargeUnsigned(limits.maxBytes(), declared));
			return;
		}
		InboundKeys.Answer first = key == null ? null : keys.find(edge.name(), key).orElse(null);
		if (first != null) {
			replay(edge, first, response);
			return;
		}
		byte[] kept = body.length > limits.maxBytes() ? Arrays.copyOf(body, limits.maxBytes()) : body;
		String id = UUID.randomUUID().toString();
		ProblemDetail problem = Problems.tooLarge(id, limits.maxBytes(), declared);
		byte[] answer = mapper.writeValueAsBytes(problem);
		try {
			transactions.executeWithoutResult(tx -> {
				storeTooLarge(id, edge, kept, declared, contentType);
				if (key != null) {
					keys.remember(edge.name(), key, problem.getStatus(), answer);
				}
			});
		}
		catch (DataAccessException e) {
			// a concurrent send with the same key stored first
			first = key == null ? null : keys.find(edge.name(), key).orElse(null);
			if (first == null) {
				throw e;
			}
			replay(edge, first, response);
			return;
		}
		metrics.tooLarge(edge.name());
		response.setStatus(problem.getStatus());
		response.setContentType("application/problem+json");
		response.getOutputStream().write(answer);
	}

	/**
	 * A request turned away before its body is looked at: how it counts and what it is
	 * answered.
	 */
	private record Turned(EdgeMetrics.Outcome outcome, ProblemDetail problem) {
	}

	/** The body as sent, or why it cannot be taken whole. */
	private record Read(byte[] body, Turned turned) {
	}

	/**
	 * What the headers say the body is: JSON (or a form where the edge takes forms), not
	 * compressed, with a usable idempotency key; null when all is well.
	 */
	private Turned framing(Edge edge, String contentType, String encoding, String key) {
		if (!isJson(contentType) && !(edge.forms() && isForm(contentType))) {
			return new Turned(EdgeMetrics.Outcome.UNSUPPORTED, Problems.unsupportedMediaType(contentType));
		}
		if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
			// never inflated: a small compressed body could expand past every limit (a
			// zip bomb)
			return new Turned(EdgeMetrics.Outcome.UNSUPPORTED, Problems.unsupportedEncoding(encoding));
		}
		if (key != null && (key.length() > 200 || !PRINTABLE.matcher(key).matches())) {
			return new Turned(EdgeMetrics.Outcome.BAD_REQUEST,
					Problems.badRequest("the idempotency key must be 1 to 200 printable ASCII characters"));
		}
		return null;
	}

	/**
	 * Reads at most one byte past the limit: enough to know a body is too large without
	 * holding it. A body cut short of its Content-Length is no message.
	 */
	private Read readWhole(HttpServletRequest request, long declared) {
		String cutShort = "the body ended before the " + declared
				+ " bytes its Content-Length declared; nothing was stored, send it again";
		byte[] body;
		try {
			body = read(request.getInputStream(), limits.maxBytes() + 1);
		}
		catch (IOException e) {
			// a sender that stops or hangs up mid-body has sent nothing whole to keep
			return new Read(null, new Turned(EdgeMetrics.Outcome.BAD_REQUEST,
					timedOut(e) ? Problems.bodyTimeout() : Problems.badRequest(cutShort)));
		}
		if (declared >= 0 && body.length < declared && declared <= limits.maxBytes()) {
			return new Read(null, new Turned(EdgeMetrics.Outcome.BAD_REQUEST, Problems.badRequest(cutShort)));
		}
		return new Read(body, null);
	}

	private void turn(Edge edge, HttpServletResponse response, Turned turned) throws IOException {
		metrics.answered(edge.name(), turned.outcome());
		problem(response, turned.problem());
	}

	private static boolean timedOut(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Not a reject: a message the edge cannot tell came from one of its senders is
	 * counted and refused, not kept. The detail names headers and settings only, never a
	 * secret nor what the sender presented.
	 */
	private void refuse(Edge edge, HttpServletResponse response, Refusal refusal) throws IOException {
		log.debug("Edge {} refused a request: {} ({})", edge.name(), refusal.reason(), refusal.detail());
		metrics.refused(edge.name(), refusal.reason().name());
		if (refusal.challenge() != null) {
			response.setHeader("WWW-Authenticate", refusal.challenge());
		}
		problem(response, refusal.signature() ? Problems.unsignedMessage(refusal.detail())
				: Problems.unauthenticated(refusal.detail()));
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	private void storeTooLarge(String id, Edge edge, byte[] kept, Long declared, String contentType) {
		Contract contract = contracts.find(edge.contract()).orElseThrow();
		long size = declared != null ? declared : kept.length + 1L;
		rejects.insert(Reject.tooLarge(id, edge.name(), contract.name(), contract.sha256(), kept, declared, contentType,
				Violations.tooLarge(size, limits.maxBytes())));
	}

	/**
	 * Idempotency-Key, or the Standard Webhooks webhook-id when the sender is a webhook.
	 */
	static String idempotencyKey(HttpServletRequest request) {
		String key = request.getHeader("Idempotency-Key");
		return key != null ? key : request.getHeader("webhook-id");
	}

	/**
	 * {@code application/x-www-form-urlencoded}, which an edge takes when its route reads
	 * forms.
	 */
	static boolean isForm(String contentType) {
		return contentType != null && contentType.split(";", 2)[0].trim()
			.toLowerCase(Locale.ROOT)
			.equals("application/x-www-form-urlencoded");
	}

	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
	}

	/** Reads at most {@code max} bytes, so a huge body never sits in memory. */
	private static byte[] read(InputStream in, int max) throws IOException {
		return in.readNBytes(max);
	}

	private void problem(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType("application/problem+json");
		mapper.writeValue(response.getOutputStream(), problem);
	}

	/** The request with its body already read into memory, within the limit. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already in memory");
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
					encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
