package dev.handoff.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.HandoffApplication;
import dev.handoff.Senders;
import dev.handoff.storage.Postgres;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two Handoff instances in one consumer group on the Kafka edge (the team setup: one
 * PostgreSQL, one broker): they share the partitions of {@code tracking-events}, and when
 * one stops the other takes its partitions over and nothing is lost. The README promises
 * at least once: an event read twice may appear twice on the output topic, under its own
 * key.
 */
@EmbeddedKafka(kraft = true, partitions = KafkaInstancesTest.PARTITIONS,
		topics = { "tracking-events", "tracking-events-accepted", "tracking-events-rejected" })
class KafkaInstancesTest {

	static final int PARTITIONS = 4;

	private static final int PER_ROUND = 200;

	private static final String GROUP = "handoff";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private EmbeddedKafkaBroker broker;

	private Admin admin;

	@BeforeEach
	void broker() {
		broker = EmbeddedKafkaCondition.getBroker();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
	}

	@AfterEach
	void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		admin.close();
	}

	@Test
	void twoInstancesShareThePartitionsAndOneTakesOverWhenTheOtherStops() throws Exception {
		Map<String, String> database = database();
		ConfigurableApplicationContext a = start(database);
		ConfigurableApplicationContext b = start(database);
		// each instance's own meters, kept to be read after its context is closed
		MeterRegistry metersA = a.getBean(MeterRegistry.class);
		MeterRegistry metersB = b.getBean(MeterRegistry.class);
		assertThat(sendBrief(a)).isEqualTo(202);
		await("both instances in the group, each with partitions").atMost(Duration.ofSeconds(60))
			.until(() -> assignments().size() == 2 && assignments().stream().noneMatch(Set::isEmpty));
		assertThat(assignments().stream().mapToInt(Set::size).sum()).as("every partition has one owner")
			.isEqualTo(PARTITIONS);

		Set<String> produced = new HashSet<>();
		Map<String, Integer> accepted = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> output = consumer("tracking-events-accepted")) {
			produced.addAll(produce(0, PER_ROUND));
			await("round 1 on the accepted topic").atMost(Duration.ofSeconds(60))
				.until(() -> read(output, accepted).containsAll(produced));
			double byA = accepted(metersA);
			double byB = accepted(metersB);
			assertThat(byA).as("instance a guarded some of round 1").isPositive();
			assertThat(byB).as("instance b guarded some of round 1").isPositive();
			assertThat(byA + byB).as("each event of round 1 guarded at least once").isGreaterThanOrEqualTo(PER_ROUND);

			// b stops (as on SIGTERM) with round 2 on the topic: what it had not
			// committed, a reads again
			produced.addAll(produce(PER_ROUND, 2 * PER_ROUND));
			b.close();
			instances.remove(b);
			double byBAtItsStop = accepted(metersB);
			await("a alone in the group, owning every partition").atMost(Duration.ofSeconds(60))
				.until(() -> assignments().size() == 1 && assignments().get(0).size() == PARTITIONS);
			await("round 2 on the accepted topic").atMost(Duration.ofSeconds(60))
				.until(() -> read(output, accepted).containsAll(produced));
			double secondByA = accepted(metersA) - byA;
			double secondByB = byBAtItsStop - byB;
			assertThat(secondByA + secondByB).as("each event of round 2 guarded at least once")
				.isGreaterThanOrEqualTo(PER_ROUND);

			// with b gone for certain, every partition (b's two included) is a's alone
			produced.addAll(produce(2 * PER_ROUND, 3 * PER_ROUND));
			await("round 3 on the accepted topic").atMost(Duration.ofSeconds(60))
				.until(() -> read(output, accepted).containsAll(produced));
			await("every offset committed").atMost(Duration.ofSeconds(30)).until(() -> committed() == 3 * PER_ROUND);
			read(output, accepted);
			double thirdByA = accepted(metersA) - byA - secondByA;
			System.out.printf(
					"kafka group: round 1 a %.0f, b %.0f; round 2 a %.0f, b %.0f before it stopped; round 3 a %.0f; output repeats %d%n",
					byA, byB, secondByA, secondByB, thirdByA, accepted.values().stream().mapToInt(n -> n - 1).sum());
			assertThat(thirdByA).as("a guarded all of round 3, b's partitions included")
				.isGreaterThanOrEqualTo(PER_ROUND);
		}
		assertThat(accepted.keySet()).as("every event came out, and nothing else").isEqualTo(produced);
		assertThat(endOffsets("tracking-events-rejected")).as("nothing was rejected").isZero();
	}

	private ConfigurableApplicationContext start(Map<String, String> database) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--HANDOFF_DATA_DIR=" + Files.createTempDirectory("unused-h2-"),
						"--HANDOFF_KAFKA_ENABLED=true", "--HANDOFF_KAFKA_BROKERS=" + broker.getBrokersAsString(),
						// the shipped http routes need their tools' URLs to start;
						// nothing is sent to them here
						"--handoff.tools.cms-url=http://cms.invalid", "--handoff.tools.email-url=http://email.invalid",
						"--handoff.tools.tracking-url=http://tracking.invalid"));
		database.forEach((k, v) -> args.add("--" + k + "=" + v));
		args.addAll(Senders.arguments());
		ConfigurableApplicationContext app = new SpringApplicationBuilder(HandoffApplication.class)
			.run(args.toArray(String[]::new));
		instances.add(app);
		return app;
	}

	private static Map<String, String> database() {
		Map<String, String> properties = new HashMap<>();
		Postgres.use(new DynamicPropertyRegistry() {
			@Override
			public void add(String name, java.util.function.Supplier<Object> value) {
				properties.put(name, String.valueOf(value.get()));
			}
		});
		return properties;
	}

	/**
	 * The truth the tracking events are checked against (campaign C-1001), recorded once
	 * for both instances.
	 */
	private static int sendBrief(ConfigurableApplicationContext app) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		JsonNode brief = JSON.readTree(Path.of("contracts/examples/brief-approved/01-approved-brief.json").toFile())
			.get("message");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/brief-approved"))
			.header("Content-Type", "application/json")
			.header("Authorization", Senders.authorization("brief-approved"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(brief)))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/**
	 * Good events {@code from..to-1}, keyed by their messageId, spread over every
	 * partition in turn.
	 */
	private List<String> produce(int from, int to) throws Exception {
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			List<String> ids = IntStream.range(from, to).mapToObj(i -> "group-" + i).toList();
			for (int i = from; i < to; i++) {
				ObjectNode message = event.deepCopy();
				message.put("messageId", ids.get(i - from));
				producer.send(new ProducerRecord<>("tracking-events", i % PARTITIONS,
						ids.get(i - from).getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(message)));
			}
			producer.flush();
			return ids;
		}
	}

	/** The partitions each member of the group owns now (empty while it rebalances). */
	private List<Set<TopicPartition>> assignments() throws Exception {
		ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
			.describedGroups()
			.get(GROUP)
			.get();
		Collection<MemberDescription> members = group.members();
		return members.stream().map(m -> m.assignment().topicPartitions()).toList();
	}

	/** The group's committed offsets on the input topic, summed over its partitions. */
	private long committed() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		return offsets.entrySet()
			.stream()
			.filter(e -> e.getKey().topic().equals("tracking-events") && e.getValue() != null)
			.mapToLong(e -> e.getValue().offset())
			.sum();
	}

	private long endOffsets(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
			List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
				.mapToObj(p -> new TopicPartition(topic, p))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * The events the instance's guard accepted on the Kafka edge, from its own metrics.
	 */
	private static double accepted(MeterRegistry meters) {
		Counter counter = meters.find("handoff.messages")
			.tags("edge", "tracking-kafka", "outcome", "accepted")
			.counter();
		return counter == null ? 0 : counter.count();
	}

	private KafkaConsumer<byte[], byte[]> consumer(String topic) {
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(topic));
		return consumer;
	}

	/** Polls once more and counts each record key seen so far. */
	private static Set<String> read(KafkaConsumer<byte[], byte[]> consumer, Map<String, Integer> keys) {
		consumer.poll(Duration.ofMillis(300))
			.forEach(r -> keys.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
		return keys.keySet();
	}

}
