package dev.handoff.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import dev.handoff.signature.WebhookSignature;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code deliverTo} naming a Kafka topic: the durable outbox sends the accepted message
 * as a record keyed by its delivery id (the same key on every attempt), and records the
 * delivery like any other.
 */
@EmbeddedKafka(kraft = true, partitions = 1, topics = "tracking-delivered",
		bootstrapServersProperty = "HANDOFF_KAFKA_BROKERS")
class KafkaTargetTest extends EdgeTestSupport {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void trackingToATopic(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		TestFiles.replace(routes.resolve("tracking-event.yaml"), "deliverTo={{handoff.tools.tracking-url}}/v1/track",
				"deliverTo=kafka:tracking-delivered?brokers={{handoff.kafka.brokers}}");
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		registry.add("handoff.delivery.edges.tracking-event.signing-secret", () -> SECRET);
	}

	@Test
	void sendsTheAcceptedEventToTheTopicKeyedByItsDeliveryId() throws IOException {
		briefsApproved();
		HttpResponse<String> answer = send("tracking-event", bytes(example("tracking-event", "01-good-click.json")));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		String id = json(answer).get("id").asText();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id)));
		List<ConsumerRecord<String, byte[]>> records = read("tracking-delivered");
		assertThat(records).singleElement().satisfies(r -> {
			assertThat(r.key()).isEqualTo(id);
			JsonNode event = JSON.readTree(r.value());
			assertThat(event.get("messageId").asText()).isEqualTo("evt-5f1c2a");
			assertThat(new String(r.headers().lastHeader("Idempotency-Key").value(), StandardCharsets.UTF_8))
				.isEqualTo(id);
			assertThat(WebhookSignature.refusal(header(r, "webhook-id"), header(r, "webhook-timestamp"),
					header(r, "webhook-signature"), r.value(), List.of(SECRET), Duration.ofMinutes(5), Instant.now()))
				.as("the record is signed like an http delivery")
				.isEmpty();
		});
		assertThat(jdbc.queryForObject("SELECT last_outcome FROM outbox WHERE id = ?", String.class, id))
			.contains("kafka:");
		assertThat(tools.getAllServeEvents()).as("nothing went to the http collector").isEmpty();
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private List<ConsumerRecord<String, byte[]>> read(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long until = System.currentTimeMillis() + 15_000;
			while (records.isEmpty() && System.currentTimeMillis() < until) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			return records;
		}
	}

}
