package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives one route for one phase. Open loop: message i is due at start + i / rate, whatever happened to the ones
 * before; its time to 202 is measured from when it was due, so a stall shows up in every message that waited behind
 * it (no coordinated omission). Closed loop: each connection sends the next message when it has its answer, to find
 * the most a route can take. With several instances of the service ({@link #targets}) the open loop hands message i
 * to instance i mod n (each with its share of the connections) and the closed loop gives each instance its share of
 * the connections: round-robin by message where the rate is fixed, by connection where each goes as fast as it can.
 */
final class Runner {

	/** The service instances sent to; the first is the one whose memory is sampled. */
	private List<Service> services;

	private final Receiver receiver;

	private final byte[] prefix;

	private final byte[] suffix;

	private final int connections;

	private int phases;

	private boolean sampleMemory = true;

	private Intervals intervals;

	/**
	 * @param message a good tracking event, compact JSON, whose messageId value is {@code @ID@}
	 */
	Runner(Service service, Receiver receiver, String message, int connections) {
		this.services = List.of(service);
		this.receiver = receiver;
		int at = message.indexOf("@ID@");
		this.prefix = message.substring(0, at).getBytes(StandardCharsets.UTF_8);
		this.suffix = message.substring(at + 4).getBytes(StandardCharsets.UTF_8);
		this.connections = connections;
	}

	/**
	 * Whether each phase ends by reading the heap and RSS, with a full GC (jcmd) for the heap after GC. The cost mode
	 * turns it off: that GC would be CPU time of the service inside its window.
	 */
	void sampleMemory(boolean on) {
		this.sampleMemory = on;
	}

	/** The instances the next phases send to (the cost mode's second instance joins the first on one database). */
	void targets(List<Service> instances) {
		if (instances.isEmpty() || connections < instances.size()) {
			throw new IllegalArgumentException("need at least one connection per instance: " + connections + " for " + instances.size());
		}
		this.services = List.copyOf(instances);
	}

	private byte[] body(int phase, int seq) {
		byte[] id = ("m-" + phase + "-" + seq).getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[prefix.length + id.length + suffix.length];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		System.arraycopy(id, 0, body, prefix.length, id.length);
		System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
		return body;
	}

	/** Cuts the next open-loop phase into intervals by due time as well (the soak and the cold start); null for none. */
	void intervals(Intervals intervals) {
		this.intervals = intervals;
	}

	/** A phase at a fixed rate for a number of seconds. */
	Result open(String route, String path, int rate, int seconds) throws Exception {
		Intervals cut = intervals;
		intervals = null;
		int phase = ++phases;
		int total = rate * seconds;
		receiver.reset(phase, total);
		long[] due = new long[total];
		int[] status = new int[total];
		String loadStart = loadAvg();
		List<Service> to = services;
		int n = to.size();
		// one queue per instance: message i goes to instance i mod n, whichever of its connections is free
		List<BlockingQueue<Integer>> queues = new ArrayList<>();
		for (int q = 0; q < n; q++) {
			queues.add(new LinkedBlockingQueue<>());
		}
		CountDownLatch answered = new CountDownLatch(total);
		Histogram[] latencies = new Histogram[connections];
		long[] lastAnswer = new long[connections];
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			int worker = c;
			latencies[c] = new Histogram(3_600_000_000L, 3);
			BlockingQueue<Integer> queue = queues.get(c % n);
			int port = to.get(c % n).port();
			Thread t = new Thread(() -> {
				try (Connection connection = new Connection("127.0.0.1", port, 60_000)) {
					for (int i = queue.take(); i >= 0; i = queue.take()) {
						status[i] = send(connection, path, body(phase, i));
						long now = System.nanoTime();
						long micros = Math.max(0, (now - due[i]) / 1000);
						latencies[worker].recordValue(micros);
						if (cut != null) {
							cut.record(due[i], micros);
						}
						lastAnswer[worker] = Math.max(lastAnswer[worker], now);
						answered.countDown();
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}, "load-" + c);
			t.setDaemon(true);
			t.start();
			workers.add(t);
		}
		double period = 1e9 / rate;
		long start = System.nanoTime() + 20_000_000L;
		if (cut != null) {
			cut.start(start);
		}
		for (int i = 0; i < total; i++) {
			long at = start + (long) (i * period);
			for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			due[i] = at;
			queues.get(i % n).add(i);
		}
		boolean all = answered.await(seconds + 300L, TimeUnit.SECONDS);
		for (int c = 0; c < connections; c++) {
			queues.get(c % n).add(-1);
		}
		for (Thread t : workers) {
			t.join(5000);
		}
		if (!all) {
			System.err.println("  not every message was answered within " + (seconds + 300) + " s after the phase");
		}
		long end = 0;
		for (long t : lastAnswer) {
			end = Math.max(end, t);
		}
		return finish(route, "open", rate, seconds, total, due, status, merge(latencies), start, end, loadStart);
	}

	/** As many messages as {@code conns} connections take for a number of seconds, each sent when the one before was answered. */
	Result closed(String route, String path, int conns, int seconds) throws Exception {
		int phase = ++phases;
		int capacity = seconds * 50_000;
		receiver.reset(phase, capacity);
		long[] due = new long[capacity];
		int[] status = new int[capacity];
		String loadStart = loadAvg();
		List<Service> to = services;
		AtomicInteger next = new AtomicInteger();
		Histogram[] latencies = new Histogram[conns];
		long start = System.nanoTime();
		long deadline = start + seconds * 1_000_000_000L;
		long[] lastAnswer = new long[conns];
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < conns; c++) {
			int worker = c;
			latencies[c] = new Histogram(3_600_000_000L, 3);
			int port = to.get(c % to.size()).port();
			Thread t = new Thread(() -> {
				try (Connection connection = new Connection("127.0.0.1", port, 60_000)) {
					for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
						int i = next.getAndIncrement();
						if (i >= capacity) {
							break;
						}
						due[i] = now;
						status[i] = send(connection, path, body(phase, i));
						long done = System.nanoTime();
						latencies[worker].recordValue((done - now) / 1000);
						lastAnswer[worker] = done;
					}
				}
			}, "load-" + c);
			t.setDaemon(true);
			t.start();
			workers.add(t);
		}
		for (Thread t : workers) {
			t.join();
		}
		int total = Math.min(next.get(), capacity);
		long end = 0;
		for (long t : lastAnswer) {
			end = Math.max(end, t);
		}
		return finish(route, "closed", conns, seconds, total, due, status, merge(latencies), start, end, loadStart);
	}

	private static int send(Connection connection, String path, byte[] body) {
		try {
			return connection.post(path, body);
		}
		catch (IOException e) {
			return -1;
		}
	}

	private Result finish(String route, String mode, int offered, int seconds, int total, long[] due, int[] status, Histogram latency,
			long start, long end, String loadStart) throws Exception {
		int accepted = 0;
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < total; i++) {
			if (status[i] == 202) {
				accepted++;
			}
			else {
				statuses.merge(status[i], 1, Integer::sum);
			}
		}
		// wait for the outbox to drain: every 202 delivered, or no progress for 30 s
		long sent = System.nanoTime();
		int seen = -1;
		long progressAt = System.nanoTime();
		while (receiver.distinct() < accepted && System.nanoTime() - progressAt < 30_000_000_000L) {
			if (receiver.distinct() != seen) {
				seen = receiver.distinct();
				progressAt = System.nanoTime();
			}
			Thread.sleep(50);
		}
		double drain = receiver.lastArrival() > sent ? (receiver.lastArrival() - sent) / 1e9 : 0;
		Histogram delivery = new Histogram(3_600_000_000L, 3);
		int undelivered = 0;
		for (int i = 0; i < total; i++) {
			if (status[i] != 202) {
				continue;
			}
			long arrived = receiver.arrival(i);
			if (arrived == 0) {
				undelivered++;
			}
			else {
				delivery.recordValue(Math.max(0, (arrived - due[i]) / 1000));
			}
		}
		Service service = services.get(0);
		double heap = sampleMemory ? service.heapUsedMib() : Double.NaN;
		double afterGc = sampleMemory ? service.heapAfterGcMib() : Double.NaN;
		double rss = sampleMemory ? service.rssMib() : Double.NaN;
		double elapsed = Math.max(1e-9, (end - start) / 1e9);
		return new Result(route, mode, offered, seconds, total, accepted, total - accepted, statuses, accepted / elapsed, ms(latency, 50),
				ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000.0, delivery.getTotalCount() == 0 ? 0 : accepted - undelivered,
				undelivered, receiver.repeats(), ms(delivery, 50), ms(delivery, 99), ms(delivery, 99.9), delivery.getMaxValue() / 1000.0, drain,
				heap, afterGc, rss, loadStart, loadAvg());
	}

	private static double ms(Histogram h, double percentile) {
		return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
	}

	private static Histogram merge(Histogram[] parts) {
		Histogram all = new Histogram(3_600_000_000L, 3);
		for (Histogram h : parts) {
			all.add(h);
		}
		return all;
	}

	static String loadAvg() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (IOException e) {
			return "?";
		}
	}
}
