package dev.handoff.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The next tool: a JDK HTTP server that answers 200 to anything and writes down when each load message arrived
 * (System.nanoTime, the same clock the generator schedules by, as both live in this process). Messages carry
 * {@code "messageId":"m-<phase>-<seq>"}; arrivals of an earlier phase are counted apart and not timed.
 */
final class Receiver {

	private static final byte[] MARK = "\"messageId\":\"m-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] OK = "{}".getBytes(StandardCharsets.US_ASCII);

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
		Thread t = new Thread(r, "receiver");
		t.setDaemon(true);
		return t;
	});

	private volatile int phase = -1;

	private volatile AtomicLongArray arrivals = new AtomicLongArray(0);

	private final AtomicInteger distinct = new AtomicInteger();

	private final AtomicInteger repeats = new AtomicInteger();

	private final AtomicInteger strays = new AtomicInteger();

	private volatile long lastArrival;

	Receiver() throws IOException {
		// without it the JDK server leaves Nagle on, and its header and body writes wait out the client's delayed ACK (~40 ms)
		System.setProperty("sun.net.httpserver.nodelay", "true");
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		server.createContext("/", this::handle);
		server.setExecutor(threads);
	}

	void start() {
		server.start();
	}

	void stop() {
		server.stop(0);
		threads.shutdownNow();
	}

	int port() {
		return server.getAddress().getPort();
	}

	/** Starts timing a new phase of up to {@code capacity} messages. */
	void reset(int newPhase, int capacity) {
		arrivals = new AtomicLongArray(capacity);
		distinct.set(0);
		repeats.set(0);
		strays.set(0);
		lastArrival = 0;
		phase = newPhase;
	}

	long arrival(int seq) {
		AtomicLongArray a = arrivals;
		return seq < a.length() ? a.get(seq) : 0;
	}

	int distinct() {
		return distinct.get();
	}

	int repeats() {
		return repeats.get();
	}

	int strays() {
		return strays.get();
	}

	long lastArrival() {
		return lastArrival;
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		long now = System.nanoTime();
		record(body, now);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, OK.length);
		exchange.getResponseBody().write(OK);
		exchange.close();
	}

	private void record(byte[] body, long now) {
		int at = indexOf(body, MARK);
		if (at < 0) {
			strays.incrementAndGet();
			return;
		}
		int i = at + MARK.length;
		int p = 0;
		for (; i < body.length && body[i] != '-'; i++) {
			p = p * 10 + (body[i] - '0');
		}
		int seq = 0;
		for (i++; i < body.length && body[i] != '"'; i++) {
			seq = seq * 10 + (body[i] - '0');
		}
		AtomicLongArray a = arrivals;
		if (p != phase || seq >= a.length()) {
			strays.incrementAndGet();
			return;
		}
		if (a.compareAndSet(seq, 0, now)) {
			distinct.incrementAndGet();
			lastArrival = now;
		}
		else {
			repeats.incrementAndGet();
		}
	}

	private static int indexOf(byte[] body, byte[] mark) {
		outer: for (int i = 0; i + mark.length <= body.length; i++) {
			for (int j = 0; j < mark.length; j++) {
				if (body[i + j] != mark[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
