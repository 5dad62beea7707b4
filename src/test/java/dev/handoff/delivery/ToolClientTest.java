package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tool's name is looked up once per connection, checked, and the connection goes to the
 * addresses that were checked: a DNS server that answers a public address to the check
 * and a private one to the connection (DNS rebinding) has no second lookup to answer.
 */
class ToolClientTest {

	private final WireMockServer tool = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	/**
	 * A DNS server under the test's control: each lookup of any name takes the next
	 * answer, and is recorded.
	 */
	private final Deque<String> answers = new ArrayDeque<>();

	private final List<String> lookups = new ArrayList<>();

	private final DnsResolver dns = new DnsResolver() {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			lookups.add(host);
			String next = answers.size() > 1 ? answers.poll() : answers.peek();
			return new InetAddress[] { InetAddress.getByName(next) };
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}
	};

	@BeforeEach
	void start() {
		tool.start();
		tool.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
	}

	private final List<ToolClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		clients.forEach(ToolClient::close);
		tool.stop();
	}

	@Test
	void connectsToTheAddressesItsOwnLookupGave() {
		answers.add("127.0.0.1");

		HttpSender.Attempt attempt = sender(DeliveryProperties.PrivateTargets.allow)
			.send(entry("http://tool.example:" + tool.port() + "/hooks"));

		assertThat(attempt.status()).isEqualTo(200);
		assertThat(lookups).containsExactly("tool.example");
		assertThat(tool.findAll(anyRequestedFor(anyUrl()))).singleElement()
			.satisfies(request -> assertThat(request.getHeader("Host")).isEqualTo("tool.example:" + tool.port()));
	}

	@Test
	void refusesANameThatResolvesToAPrivateAddressWhenItConnects() {
		answers.add("127.0.0.1");

		HttpSender.Attempt attempt = sender(DeliveryProperties.PrivateTargets.refuse)
			.send(entry("http://tool.example:" + tool.port() + "/hooks"));

		assertThat(attempt.status()).isEqualTo(-1);
		assertThat(attempt.retryable()).isFalse();
		assertThat(attempt.outcome())
			.isEqualTo("not sent: tool.example resolves to 127.0.0.1, a loopback, private or link-local address; "
					+ "set handoff.delivery.private-targets=allow if this tool really lives there");
		assertThat(lookups).containsExactly("tool.example");
		assertThat(tool.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void aNameThatRebindsToAPrivateAddressIsRefusedOnTheLookupThatWouldConnect() {
		// the first answer is public (a documentation address nothing answers on), every
		// later one is loopback
		answers.add("192.0.2.1");
		answers.add("127.0.0.1");
		HttpSender sender = sender(DeliveryProperties.PrivateTargets.refuse);

		HttpSender.Attempt first = sender.send(entry("http://tool.example:" + tool.port() + "/hooks"));
		HttpSender.Attempt second = sender.send(entry("http://tool.example:" + tool.port() + "/hooks"));

		// one lookup per connection: the public answer was connected to (and did not
		// answer), the loopback one refused
		assertThat(lookups).containsExactly("tool.example", "tool.example");
		assertThat(first.status()).isZero();
		assertThat(second.outcome()).startsWith("not sent: tool.example resolves to 127.0.0.1");
		assertThat(tool.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void keepsAMegabyteOfAnAnswerAndReadsPastTheRest() throws Exception {
		answers.add("127.0.0.1");
		tool.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("x".repeat(3 * ToolClient.KEPT))));
		DeliveryProperties properties = properties(DeliveryProperties.PrivateTargets.allow);

		ToolClient.Answer answer = client(properties).exchange("POST",
				URI.create("http://tool.example:" + tool.port() + "/hooks"), Map.of(), "{}".getBytes(),
				"application/json");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.body()).hasSize(ToolClient.KEPT);
	}

	private HttpSender sender(DeliveryProperties.PrivateTargets privateTargets) {
		DeliveryProperties properties = properties(privateTargets);
		return new HttpSender(properties, new TargetCredentials(properties), client(properties));
	}

	private ToolClient client(DeliveryProperties properties) {
		ToolClient client = new ToolClient(properties, dns);
		clients.add(client);
		return client;
	}

	private static DeliveryProperties properties(DeliveryProperties.PrivateTargets privateTargets) {
		return new DeliveryProperties(true, Duration.ofMillis(100), 10, 1, List.of(Duration.ofSeconds(1)), Map.of(),
				Duration.ofSeconds(1), Duration.ofSeconds(5), privateTargets, Duration.ofSeconds(10),
				Duration.ofDays(90));
	}

	private static OutboxEntry entry(String target) {
		return OutboxEntry.pending("id-1", "email-campaign", "email-campaign", "0".repeat(64), "C-1001", 2L, target,
				"{}".getBytes());
	}

}
