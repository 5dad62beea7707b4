package dev.handoff.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka edge against a bare Camel Kafka-to-Kafka route (issue 17, item 5): a KRaft broker in this JVM (spring-kafka-test's,
 * as the service's Kafka tests use), the service started with its Kafka edge on (routes/tracking-kafka.yaml) and the bench's
 * bare route (bench/routes/bench.yaml, {@code bench-kafka-bare}: the same consumer settings, the send, the same offset commit,
 * no guard). Each pass writes the same number of good tracking events (the tracking-event example, one messageId and record
 * key each) to one route's input topic as fast as the producer goes, and times them from the first send until a consumer
 * on the route's output topic has read the last of them: the route, not the producer, is the slower side. The routes take
 * turns, the first route alternating from pass to pass, after one warm-up pass each (not recorded) that also waits out the
 * consumer group's join. Service CPU and its JDBC counts are read at both ends of each pass.
 */
final class KafkaBench implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The service's own topics (handoff.kafka.*, their defaults) and the bare route's (bench.yaml). */
	static final String GUARDED_IN = "tracking-events";

	static final String GUARDED_OUT = "tracking-events-accepted";

	static final String REJECTS = "tracking-events-rejected";

	static final String BARE_IN = "bench-kafka-in";

	static final String BARE_OUT = "bench-kafka-out";

	static final String HOW_COUNTED = "How it counts: a pass produces its events to the route's input topic (linger 5 ms, acks all) and ends when a "
			+ "consumer assigned to every partition of the output topic (from its end before the pass) has read the last of them by record key; "
			+ "events/s is events over that time. \"record time\" is the same end by the output records' own timestamps (set by the service's "
			+ "producer), a check on the reader. Service CPU is the service process's user + system time over the pass; both routes' consumers "
			+ "run all the time, so each pass carries the other's idle polling. The broker, producer and reader are this tool's JVM (load tool "
			+ "CPU), on the same cores. Commits and statements: the service's JDBC counts (bench plugin), per event.";

	private final EmbeddedKafkaKraftBroker broker;

	private final int partitions;

	private KafkaBench(EmbeddedKafkaKraftBroker broker, int partitions) {
		this.broker = broker;
		this.partitions = partitions;
	}

	/** A one-node KRaft broker with the five topics, {@code partitions} each (the service's Kafka tests use 2). */
	static KafkaBench start(int partitions) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, GUARDED_IN, GUARDED_OUT, REJECTS, BARE_IN, BARE_OUT);
		broker.afterPropertiesSet();
		return new KafkaBench(broker, partitions);
	}

	/** The service's Kafka edge on and at this broker (docs/operations.md, "Kafka"), and the bench's bare route on. */
	List<String> serviceArgs() {
		return List.of("--HANDOFF_KAFKA_ENABLED=true", "--HANDOFF_KAFKA_BROKERS=" + broker.getBrokersAsString(), "--handoff.bench.kafka.enabled=true");
	}

	@Override
	public void close() {
		broker.destroy();
	}

	@Override
	public String toString() {
		return "embedded KRaft broker " + broker.getBrokersAsString() + ", " + partitions + " partitions per topic";
	}

	/** One route's pass. Times in seconds, CPU in milliseconds (-1: unknown). */
	record Pass(int number, String route, int events, double produceSeconds, double seconds, double recordSeconds, int distinct, int repeats,
			double windowSeconds, double serviceCpuMs, double toolCpuMs, JdbcCount jdbc, String loadStart, String loadEnd) {

		static final String CSV_HEADER = "pass,route,events,produce_s,to_last_s,events_s,record_time_s,on_output,missing,repeats,window_s,service_cpu_ms,"
				+ "service_cpu_ms_per_event,service_cpu_pct_one_core,load_tool_cpu_pct_one_core,commits,statements,commits_per_event,statements_per_event,"
				+ "load_start,load_end";

		double rate() {
			return distinct / seconds;
		}

		double perEvent(double value) {
			return value < 0 || distinct == 0 ? -1 : value / distinct;
		}

		double percentOfCore(double cpuMs) {
			return cpuMs < 0 ? -1 : 100 * cpuMs / (windowSeconds * 1000);
		}

		static String tableHeader() {
			return "| pass | route | events | produced in s | to the last on output s | events/s | record time s | missing | repeats | service CPU ms/event "
					+ "| service CPU % of a core | load tool CPU % | commits/event | statements/event | load avg start → end |\n"
					+ "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
		}

		String row() {
			return String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %.2f | %.0f | %.2f | %d | %d | %s | %s | %s | %s | %s | %s → %s |", number, route, events,
					produceSeconds, seconds, rate(), recordSeconds, events - distinct, repeats, fmt(perEvent(serviceCpuMs), 3), fmt(percentOfCore(serviceCpuMs), 0),
					fmt(percentOfCore(toolCpuMs), 0), jdbc.known() ? fmt(perEvent(jdbc.commits()), 2) : "–", jdbc.known() ? fmt(perEvent(jdbc.statements()), 2) : "–",
					loadStart, loadEnd);
		}

		String csv() {
			return String.format(Locale.ROOT, "%d,%s,%d,%.3f,%.3f,%.1f,%.3f,%d,%d,%d,%.2f,%.0f,%.4f,%.1f,%.1f,%d,%d,%.3f,%.3f,%s,%s", number, route, events,
					produceSeconds, seconds, rate(), recordSeconds, distinct, events - distinct, repeats, windowSeconds, serviceCpuMs, perEvent(serviceCpuMs),
					percentOfCore(serviceCpuMs), percentOfCore(toolCpuMs), jdbc.commits(), jdbc.statements(), perEvent(jdbc.commits()),
					perEvent(jdbc.statements()), loadStart.replace(' ', '/'), loadEnd.replace(' ', '/'));
		}
	}

	/**
	 * The passes: a warm-up of {@code warmup} events per route, then {@code passes} rounds of {@code events} events on each
	 * route, back to back; prints each pass and the guarded/bare ratio, writes kafka.csv.
	 */
	void run(Service app, Database db, Path contracts, int events, int warmup, int passes, Path out) throws Exception {
		ObjectNode event = (ObjectNode) LoadBench.example(contracts, "tracking-event");
		System.out.println();
		System.out.println("kafka: " + this + "; " + events + " events per pass, " + passes + " passes per route, the guarded edge ("
				+ GUARDED_IN + " → " + GUARDED_OUT + ") and the bare route (" + BARE_IN + " → " + BARE_OUT + ")");
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			if (warmup > 0) {
				System.out.println("warm-up: " + warmup + " events per route (not recorded)");
				for (String route : List.of("guarded", "bare")) {
					Pass p = pass(app, db, producer, event, 0, route, warmup);
					System.out.printf(Locale.ROOT, "  %s: %.0f events/s, %d missing%n", route, p.rate(), p.events() - p.distinct());
				}
			}
			List<Pass> all = new ArrayList<>();
			System.out.println(Pass.tableHeader());
			for (int n = 1; n <= passes; n++) {
				// the first route alternates, so neither always runs on a machine the other just warmed or loaded
				List<String> order = n % 2 == 1 ? List.of("guarded", "bare") : List.of("bare", "guarded");
				for (String route : order) {
					Pass p = pass(app, db, producer, event, n, route, events);
					System.out.println(p.row());
					all.add(p);
				}
			}
			summary(all);
			System.out.println();
			System.out.println(HOW_COUNTED);
			List<String> csv = new ArrayList<>();
			csv.add(Pass.CSV_HEADER);
			all.forEach(p -> csv.add(p.csv()));
			Files.write(out.resolve("kafka.csv"), csv);
		}
	}

	private static void summary(List<Pass> all) {
		double[] g = totals(all, "guarded");
		double[] b = totals(all, "bare");
		if (g[1] == 0 || b[1] == 0) {
			return;
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "all passes: guarded %.0f events/s, bare %.0f events/s: guarded/bare %.0f %% (target ≥ 50 %%); service CPU "
				+ "%.3f vs %.3f ms/event (%.1f×)%n", g[0] / g[1], b[0] / b[1], 100 * (g[0] / g[1]) / (b[0] / b[1]), g[2] / g[0], b[2] / b[0],
				(g[2] / g[0]) / (b[2] / b[0]));
		List<Pass> guarded = all.stream().filter(p -> p.route().equals("guarded")).toList();
		List<Pass> bare = all.stream().filter(p -> p.route().equals("bare")).toList();
		StringBuilder per = new StringBuilder("per pass, guarded/bare:");
		for (int i = 0; i < Math.min(guarded.size(), bare.size()); i++) {
			per.append(String.format(Locale.ROOT, " %.0f %%", 100 * guarded.get(i).rate() / bare.get(i).rate()));
		}
		System.out.println(per);
	}

	/** Events delivered, seconds to the last, service CPU ms over a route's passes. */
	private static double[] totals(List<Pass> all, String route) {
		double[] t = new double[3];
		for (Pass p : all) {
			if (p.route().equals(route)) {
				t[0] += p.distinct();
				t[1] += p.seconds();
				t[2] += Math.max(0, p.serviceCpuMs());
			}
		}
		return t;
	}

	private Pass pass(Service app, Database db, KafkaProducer<byte[], byte[]> producer, ObjectNode event, int number, String route, int events)
			throws Exception {
		String in = route.equals("guarded") ? GUARDED_IN : BARE_IN;
		String outTopic = route.equals("guarded") ? GUARDED_OUT : BARE_OUT;
		// made before the clock starts: the pass times the route, not building the messages
		String prefix = "k-" + route + "-" + number + "-";
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events);
		for (int i = 0; i < events; i++) {
			String id = prefix + i;
			ObjectNode message = event.deepCopy();
			message.put("messageId", id);
			records.add(new ProducerRecord<>(in, id.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(message)));
		}
		String loadStart = Runner.loadAvg();
		try (Reader reader = new Reader(outTopic, prefix)) {
			Thread reading = new Thread(reader, "kafka-reader");
			reading.setDaemon(true);
			Meter before = Meter.take(app, db);
			long start = System.nanoTime();
			long startMillis = System.currentTimeMillis();
			reader.started(start);
			reading.start();
			for (ProducerRecord<byte[], byte[]> record : records) {
				producer.send(record);
			}
			producer.flush();
			long produced = System.nanoTime();
			reader.await(events, 30);
			Meter after = Meter.take(app, db);
			// a moment more on the output topic: an event the route wrote twice (a re-read before a commit) shows as a repeat
			Thread.sleep(500);
			reader.stop();
			reading.join(5000);
			double seconds = (reader.lastNanos() - start) / 1e9;
			double recordSeconds = (reader.lastRecordMillis() - startMillis) / 1e3;
			if (reader.distinct() < events) {
				System.err.println("  " + route + " pass " + number + ": " + (events - reader.distinct()) + " of " + events
						+ " events were not on " + outTopic + " when the wait gave up (rejected? see the service log)");
			}
			return new Pass(number, route, events, (produced - start) / 1e9, seconds, recordSeconds, reader.distinct(), reader.repeats(),
					(after.nanos() - before.nanos()) / 1e9, cpuMs(before.serviceCpu(), after.serviceCpu()), cpuMs(before.toolCpu(), after.toolCpu()),
					after.jdbc().minus(before.jdbc()), loadStart, Runner.loadAvg());
		}
	}

	private static double cpuMs(long before, long after) {
		return before < 0 || after < 0 ? -1 : (after - before) / 1e6;
	}

	private KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class, ProducerConfig.LINGER_MS_CONFIG, 5,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "all"));
	}

	/**
	 * Reads one output topic from its end at the pass's start (every partition assigned, no group, nothing committed) and
	 * notes when each of the pass's keys first came, by this JVM's clock and by the record's timestamp.
	 */
	private final class Reader implements Runnable, AutoCloseable {

		private final KafkaConsumer<byte[], byte[]> consumer;

		private final String prefix;

		private final Set<String> seen = new HashSet<>();

		private volatile int distinct;

		private volatile int repeats;

		private volatile long lastNanos;

		private volatile long lastRecordMillis;

		private volatile boolean stop;

		Reader(String topic, String prefix) {
			this.prefix = prefix;
			this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new ByteArrayDeserializer(),
					new ByteArrayDeserializer());
			List<TopicPartition> all = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
			consumer.assign(all);
			consumer.seekToEnd(all);
			// seekToEnd is lazy: ask for each position now, so records written from here on are the pass's
			all.forEach(consumer::position);
		}

		void started(long nanos) {
			this.lastNanos = nanos;
		}

		@Override
		public void run() {
			while (!stop) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
					String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
					if (!key.startsWith(prefix)) {
						continue;
					}
					if (seen.add(key)) {
						lastNanos = System.nanoTime();
						lastRecordMillis = Math.max(lastRecordMillis, record.timestamp());
						distinct = seen.size();
					}
					else {
						repeats++;
					}
				}
			}
		}

		/** Until {@code events} keys came, or none came for {@code quietSeconds}. */
		void await(int events, int quietSeconds) throws InterruptedException {
			int last = -1;
			long progressAt = System.nanoTime();
			while (distinct < events && System.nanoTime() - progressAt < quietSeconds * 1_000_000_000L) {
				if (distinct != last) {
					last = distinct;
					progressAt = System.nanoTime();
				}
				Thread.sleep(10);
			}
		}

		void stop() {
			stop = true;
		}

		int distinct() {
			return distinct;
		}

		int repeats() {
			return repeats;
		}

		long lastNanos() {
			return lastNanos;
		}

		long lastRecordMillis() {
			return lastRecordMillis;
		}

		@Override
		public void close() {
			stop = true;
			// the reading thread has stopped polling by now (joined), or never started: the consumer is this thread's to close
			consumer.close(Duration.ofSeconds(5));
		}
	}

	private static String fmt(double value, int decimals) {
		return value < 0 ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}
}
