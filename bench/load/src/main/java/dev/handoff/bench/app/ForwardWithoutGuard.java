package dev.handoff.bench.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bench-only baseline {@code benchForward}: a bare forwarding route, no guard and no store. The body goes to the
 * receiver at once over one pooled HTTP client (as the dispatcher's sender does); the sender gets 202 when the
 * receiver answered 2xx, else 502.
 */
@Component("benchForward")
class ForwardWithoutGuard implements Processor {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final URI target;

	ForwardWithoutGuard(@Value("${handoff.bench.deliver-to}") String deliverTo) {
		this.target = URI.create(deliverTo);
	}

	@Override
	public void process(Exchange exchange) throws IOException, InterruptedException {
		byte[] body = exchange.getMessage().getBody(byte[].class);
		String id = UUID.randomUUID().toString();
		HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", id)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		boolean delivered = response.statusCode() / 100 == 2;
		Message answer = exchange.getMessage();
		answer.removeHeaders("*");
		answer.setHeader(Exchange.HTTP_RESPONSE_CODE, delivered ? 202 : 502);
		answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
		answer.setBody(("{\"id\":\"" + id + "\",\"edge\":\"bench-forward\",\"outcome\":\"" + (delivered ? "forwarded" : "refused")
				+ "\"}").getBytes(StandardCharsets.UTF_8));
	}
}
