package dev.handoff.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client Handoff calls tools with: deliveries and OAuth token endpoints.
 * Apache HttpClient rather than the JDK's, because only it takes a resolver: the
 * addresses a tool's name is checked at are the addresses connected to, with no second
 * lookup that a hostile DNS server could answer differently (DNS rebinding). Nothing is
 * added to a request but what HTTP/1.1 needs (host, length): no redirects followed, no
 * cookies kept, no automatic retries (the outbox retries, with the same key).
 */
@Component
class ToolClient {

	/**
	 * A tool's answer: its status, its body (the first {@link #KEPT} bytes of it) and the
	 * Retry-After header if it sent one.
	 */
	record Answer(int status, byte[] body, String retryAfter) {
	}

	/**
	 * What is kept of an answer's body: far more than any id or error a tool answers
	 * with, never a memory risk.
	 */
	static final int KEPT = 1024 * 1024;

	private final CloseableHttpAsyncClient client;

	private final Duration requestTimeout;

	@Autowired
	ToolClient(DeliveryProperties properties) {
		this(properties, SystemDefaultDnsResolver.INSTANCE);
	}

	/**
	 * With the name lookup to use under the private-address check (a test's own, to play
	 * a rebinding DNS server).
	 */
	ToolClient(DeliveryProperties properties, DnsResolver names) {
		this.requestTimeout = properties.requestTimeout();
		this.client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setDnsResolver(properties.allowsPrivateTargets() ? names : PrivateAddresses.refusing(names))
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(properties.connectTimeout()))
					// a tool that closed a kept-alive connection is noticed before the
					// connection is used again
					.setValidateAfterInactivity(TimeValue.ofSeconds(1))
					.build())
				.setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
				// every sender may call one tool at once, plus a token fetch
				.setMaxConnPerRoute(properties.concurrency() + 1)
				.setMaxConnTotal(Math.max(20, 2 * properties.concurrency() + 2))
				.build())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAutomaticRetries()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
	}

	/**
	 * One call, answered within the request timeout or given up as
	 * {@link HttpTimeoutException}. An interrupt (a stop abandoning slow sends) cancels
	 * the call and closes its connection.
	 * @throws PrivateAddresses.Refused when the tool's name resolves to an address
	 * deliveries must not go to
	 */
	Answer exchange(String method, URI target, Map<String, String> headers, byte[] body, String contentType)
			throws IOException, InterruptedException {
		SimpleRequestBuilder request = SimpleRequestBuilder.create(method)
			.setUri(target)
			.setBody(body, ContentType.create(contentType));
		headers.forEach(request::addHeader);
		// the client starts once, on its first call: a process that never delivers over
		// HTTP runs no I/O threads
		client.start();
		Future<Answer> call = client.execute(SimpleRequestProducer.create(request.build()), new KeptAnswer(), null);
		try {
			return call.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			call.cancel(true);
			throw new HttpTimeoutException("no answer within " + requestTimeout.toSeconds() + " s");
		}
		catch (InterruptedException e) {
			call.cancel(true);
			throw e;
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException(e.getCause());
		}
	}

	/**
	 * Reads an answer keeping at most {@link #KEPT} bytes of its body; the rest is read
	 * and dropped.
	 */
	private static final class KeptAnswer extends AbstractBinResponseConsumer<Answer> {

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private int status;

		private String retryAfter;

		@Override
		protected void start(HttpResponse response, ContentType contentType) {
			status = response.getCode();
			Header header = response.getFirstHeader("Retry-After");
			retryAfter = header == null ? null : header.getValue();
		}

		@Override
		protected int capacityIncrement() {
			return 64 * 1024;
		}

		@Override
		protected void data(ByteBuffer src, boolean endOfStream) {
			int kept = Math.min(src.remaining(), KEPT - body.size());
			if (kept > 0) {
				byte[] bytes = new byte[kept];
				src.get(bytes);
				body.writeBytes(bytes);
			}
			src.position(src.limit());
		}

		@Override
		protected Answer buildResult() {
			return new Answer(status, body.toByteArray(), retryAfter);
		}

		@Override
		public void releaseResources() {
			// nothing held but the buffer, which the answer copied
		}

	}

	@PreDestroy
	void close() {
		// by now the dispatcher has stopped: nothing is in flight that should be let
		// finish
		client.close(CloseMode.IMMEDIATE);
	}

}
