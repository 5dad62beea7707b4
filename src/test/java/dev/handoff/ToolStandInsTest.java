package dev.handoff;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The edge tests' tools take only the credentials Handoff is configured with: anything
 * else gets the tool's own 401, so every edge test that sees a delivery succeed has seen
 * Handoff present its credentials.
 */
class ToolStandInsTest {

	@RegisterExtension
	static final WireMockExtension tools = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@BeforeEach
	void stubbed() {
		ToolStandIns.answerLikeTheRealOnes(tools);
	}

	@Test
	void eachToolAnswersTheCredentialsHandoffIsConfiguredWith() throws Exception {
		assertThat(
				post("/email/3.0/campaigns", ToolStandIns.basic("anystring", ToolStandIns.MAILCHIMP_KEY)).statusCode())
			.isEqualTo(200);
		assertThat(post("/cms/wp-json/wp/v2/pages", ToolStandIns.basic(ToolStandIns.WP_USER, ToolStandIns.WP_PASSWORD))
			.statusCode()).isEqualTo(201);
		assertThat(post("/tracking/v1/track", ToolStandIns.basic(ToolStandIns.SEGMENT_WRITE_KEY, "")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void eachToolSays401InItsOwnShapeWithoutThemOrWithOthers() throws Exception {
		HttpResponse<String> mailchimp = post("/email/3.0/campaigns", null);
		assertThat(mailchimp.statusCode()).isEqualTo(401);
		assertThat(mailchimp.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(mailchimp.body()).contains("\"title\": \"API Key Invalid\"");
		assertThat(post("/email/3.0/campaigns", ToolStandIns.basic("anystring", "another-key-us21")).statusCode())
			.isEqualTo(401);

		HttpResponse<String> wordpress = post("/cms/wp-json/wp/v2/pages",
				ToolStandIns.basic(ToolStandIns.WP_USER, "wrong"));
		assertThat(wordpress.statusCode()).isEqualTo(401);
		assertThat(wordpress.body()).contains("\"code\": \"rest_cannot_create\"");

		HttpResponse<String> segment = post("/tracking/v1/batch", "Bearer " + ToolStandIns.SEGMENT_WRITE_KEY);
		assertThat(segment.statusCode()).isEqualTo(401);
		assertThat(segment.body()).contains("\"success\": false");
	}

	private static HttpResponse<String> post(String path, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tools.baseUrl() + path))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
