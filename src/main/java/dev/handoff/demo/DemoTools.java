package dev.handoff.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Demo mode only: one WireMock server on localhost stands in for the CMS (WordPress REST API shape), the
 * email platform (Mailchimp Marketing API shape) and the tracking collector (Segment HTTP API shape).
 * Its admin API stays on, so {@code /__admin/requests} shows what each tool received.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoTools {

	private static final Logger log = LoggerFactory.getLogger(DemoTools.class);

	@Bean(destroyMethod = "stop")
	WireMockServer demoToolsServer(@Value("${handoff.demo.tools-port}") int port) {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
		server.start();
		stubTools(server);
		log.info("Demo tools (WireMock) on http://localhost:{} — what they received: http://localhost:{}/__admin/requests", port, port);
		return server;
	}

	/** The answers each tool documents for a successful create. */
	static void stubTools(WireMockServer server) {
		server.stubFor(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": 4211, \"status\": \"draft\", \"type\": \"page\", \"link\": \"https://www.example.com/?page_id=4211\"}")));
		server.stubFor(post(urlPathEqualTo("/email/3.0/campaigns")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"42694e9e57\", \"type\": \"regular\", \"status\": \"save\"}")));
		server.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\": true}")));
		server.stubFor(post(urlPathEqualTo("/tracking/v1/batch")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\": true}")));
	}
}
