package dev.handoff.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * The Kafka edge against an in-process broker: guarded per event, routed by outcome,
 * offsets committed after.
 */
@EmbeddedKafka(kraft = true, partitions = 1,
		topics = { "tracking-events", "tracking-events-accepted", "tracking-events-rejected" },
		bootstrapServersProperty = "HANDOFF_KAFKA_BROKERS")
@TestPropertySource(properties = "HANDOFF_KAFKA_ENABLED=true")
class KafkaEdgeTest extends EdgeTestSupport {

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void routesEachEventByItsOutcomeCommitsAfterwardsAndReplaysToTheOutputTopic() throws Exception {
		briefsApproved();
		JsonNode event = example("tracking-event", "01-good-click.json");
		ObjectNode bad = event.deepCopy();
		bad.put("messageId", "kafka-bad");
		bad.putObject("context").putObject("campaign").put("medium", "Email");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			for (JsonNode message : List.of(numbered(event, 1), bad, numbered(event, 2))) {
				producer.send(new ProducerRecord<>("tracking-events", bytes(message))).get();
			}
		}

		List<ConsumerRecord<byte[], byte[]>> accepted = read("tracking-events-accepted", 2);
		assertThat(accepted).extracting(r -> json(r.value()).get("messageId").asText())
			.containsExactly("kafka-1", "kafka-2");
		assertThat(json(accepted.get(0).value()).at("/context/campaign/name").asText())
			.isEqualTo("spring-sale-2027-c-1001");
		List<ConsumerRecord<byte[], byte[]>> rejected = read("tracking-events-rejected", 1);
		assertThat(json(rejected.get(0).value())).isEqualTo(bad);
		String rejectId = new String(rejected.get(0).headers().lastHeader("handoff-reject-id").value(),
				StandardCharsets.UTF_8);
		JsonNode reject = json(get("/api/rejects/" + rejectId));
		assertThat(reject.get("edge").asText()).isEqualTo("tracking-kafka");
		assertThat(reject.get("source").asText()).isEqualTo("kafka:tracking-events/0@1");
		assertThat(reject.get("violations").get(0).get("rule").asText()).isEqualTo("generated-mismatch");
		assertThat(storedPayload(rejectId)).isEqualTo(bytes(bad));

		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets("handoff")
					.partitionsToOffsetAndMetadata()
					.get()
					.get(new TopicPartition("tracking-events", 0))
					.offset()).isEqualTo(3));
		}
		replaysARejectReadFromKafkaToTheOutputTopic();
	}

	/** Runs after the first part of the test: the topic's offsets 0-2 are taken. */
	private void replaysARejectReadFromKafkaToTheOutputTopic() throws Exception {
		ObjectNode early = numbered(example("tracking-event", "01-good-click.json"), 3);
		((ObjectNode) early.get("properties")).put("campaign_id", "C-1002")
			.put("link_url",
					"https://shop.example.com/spring-sale?utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-2027-c-1002");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			producer.send(new ProducerRecord<>("tracking-events", bytes(early))).get();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json(get("/api/rejects?edge=tracking-kafka&campaign=C-1002")).get("total").asInt() == 1);
		String rejectId = json(get("/api/rejects?edge=tracking-kafka&campaign=C-1002")).get("items")
			.get(0)
			.get("id")
			.asText();

		ObjectNode brief = (ObjectNode) JSON.readTree(java.nio.file.Path.of("demo/brief-v1.json").toFile());
		((ObjectNode) brief.get("fields")).put("campaign_id", "C-1002");
		assertThat(send("brief-approved", bytes(brief)).statusCode()).isEqualTo(202);
		var replayed = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/rejects/" + rejectId + "/replay"))
				.header("Authorization", "Bearer test-admin-token")
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(read("tracking-events-accepted", 3)).anySatisfy(r -> {
			assertThat(json(r.value()).get("messageId").asText()).isEqualTo("kafka-3");
			assertThat(json(r.value()).at("/context/campaign/name").asText()).isEqualTo("spring-sale-2027-c-1002");
		});
	}

	private static ObjectNode numbered(JsonNode event, int n) {
		ObjectNode copy = event.deepCopy();
		copy.put("messageId", "kafka-" + n);
		return copy;
	}

	private static JsonNode json(byte[] bytes) {
		try {
			return JSON.readTree(bytes);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + java.util.UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= count;
			});
		}
		return records;
	}

}
