package dev.handoff.demo;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Demo mode only: one WireMock server on localhost stands in for the CMS (WordPress REST
 * API shape), the email platform (Mailchimp Marketing API shape) and the tracking
 * collector (Segment HTTP API shape). Its answers are the mapping files in
 * {@code src/main/resources/demo/mappings}, which the docker-compose WireMock serves too.
 * Its admin API stays on, so {@code /__admin/requests} shows what each tool received.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoTools {

	private static final Logger log = LoggerFactory.getLogger(DemoTools.class);

	@Bean(destroyMethod = "stop")
	WireMockServer demoToolsServer(@Value("${handoff.demo.tools-port}") int port) throws IOException {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
		server.start();
		for (Resource mapping : new PathMatchingResourcePatternResolver()
			.getResources("classpath:demo/mappings/*.json")) {
			try (InputStream in = mapping.getInputStream()) {
				server.addStubMapping(StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		log.info(
				"Demo tools (WireMock) on http://localhost:{} — what they received: http://localhost:{}/__admin/requests",
				port, port);
		return server;
	}

}
