package dev.handoff.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * 10 000 events, 5 % bad, through the Kafka edge with its consumer stopped and started
 * again half-way: exactly the good ones on the output topic, exactly the bad ones on the
 * rejects topic and in the queue; a repeat is allowed only under the same key.
 */
@EmbeddedKafka(kraft = true, partitions = 2,
		topics = { "tracking-events", "tracking-events-accepted", "tracking-events-rejected" },
		bootstrapServersProperty = "HANDOFF_KAFKA_BROKERS")
@TestPropertySource(properties = "HANDOFF_KAFKA_ENABLED=true")
class KafkaVolumeTest extends EdgeTestSupport {

	private static final int EVENTS = 10_000;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	CamelContext camel;

	@Test
	void passesTheGoodEventsAndKeepsTheBadOnesAcrossAStoppedConsumer() throws Exception {
		briefsApproved();
		JsonNode event = example("tracking-event", "01-good-click.json");
		Set<String> good = new HashSet<>();
		Set<String> bad = new HashSet<>();
		long started = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.LINGER_MS_CONFIG, 5))) {
			for (int i = 0; i < EVENTS; i++) {
				String id = "vol-" + i;
				ObjectNode message = event.deepCopy();
				message.put("messageId", id);
				if (i % 20 == 7) {
					message.putObject("context").putObject("campaign").put("medium", "Email");
					bad.add(id);
				}
				else {
					good.add(id);
				}
				producer
					.send(new ProducerRecord<>("tracking-events", id.getBytes(StandardCharsets.UTF_8), bytes(message)));
				if (i == EVENTS / 2) {
					producer.flush();
					// the consumer goes away half-way and comes back: what it had not
					// committed it reads again
					camel.getRouteController().stopRoute("tracking-kafka");
					camel.getRouteController().startRoute("tracking-kafka");
				}
			}
		}
		Map<String, Integer> accepted = readKeys("tracking-events-accepted", good.size());
		long took = System.nanoTime() - started;
		Map<String, Integer> rejected = readKeys("tracking-events-rejected", bad.size());
		double perSecond = EVENTS / (took / 1e9);
		int duplicates = accepted.values().stream().mapToInt(c -> c - 1).sum()
				+ rejected.values().stream().mapToInt(c -> c - 1).sum();
		System.out.printf(
				"kafka: %d events (%d bad) guarded in %.1f s = %.0f events/s; accepted topic %d keys, rejects topic %d keys, "
						+ "repeats under the same key %d%n",
				EVENTS, bad.size(), took / 1e9, perSecond, accepted.size(), rejected.size(), duplicates);

		assertThat(accepted.keySet()).isEqualTo(good);
		assertThat(rejected.keySet()).isEqualTo(bad);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-kafka'",
					Integer.class) == bad.size());
		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT source) FROM reject WHERE edge = 'tracking-kafka'",
				Integer.class))
			.isEqualTo(bad.size());
	}

	/**
	 * Every record key on a topic and how often it came, once at least {@code distinct}
	 * keys arrived and the topic went quiet.
	 */
	private Map<String, Integer> readKeys(String topic, int distinct) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, Integer> keys = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(120)).until(() -> {
				consumer.poll(Duration.ofMillis(500))
					.forEach(r -> keys.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
				return keys.size() >= distinct;
			});
			consumer.poll(Duration.ofSeconds(1))
				.forEach(r -> keys.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
		}
		return keys;
	}

}
