package dev.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The four tools as the edge tests meet them: each answers as the real one does, and only
 * to the credentials Handoff is configured with here. Without them (or with others) each
 * says 401 in its own shape, as the demo's stand-ins do, so a test whose delivery lost
 * its credentials fails instead of passing against a tool that takes anyone.
 */
public final class ToolStandIns {

	/** Mailchimp: any user, the API key as the Basic password. */
	public static final String MAILCHIMP_KEY = "test-mailchimp-key-us21";

	/** WordPress: a user and an application password (four-letter groups). */
	public static final String WP_USER = "handoff";

	public static final String WP_PASSWORD = "test abcd efgh ijkl mnop qrst";

	/** Segment: the write key as the Basic user, no password. */
	public static final String SEGMENT_WRITE_KEY = "test-segment-write-key";

	/** The {@code Authorization} each tool takes: Handoff's own credential for it. */
	public static final String MAILCHIMP = basic("anystring", MAILCHIMP_KEY);

	public static final String WORDPRESS = basic(WP_USER, WP_PASSWORD);

	public static final String SEGMENT = basic(SEGMENT_WRITE_KEY, "");

	/** A fallback answers only what no stub of the tool took. */
	private static final int FALLBACK = 9;

	private ToolStandIns() {
	}

	/**
	 * For a test that gives a shipped edge another kind of credential: clears the Basic
	 * user and password EdgeTestSupport gives it (a kind takes only its own keys).
	 */
	public static void otherKind(DynamicPropertyRegistry registry, String edge) {
		registry.add("handoff.delivery.edges." + edge + ".auth.username", () -> "");
		registry.add("handoff.delivery.edges." + edge + ".auth.password", () -> "");
	}

	/** The tools' answers, stubbed afresh before each test. */
	static void answerLikeTheRealOnes(WireMockExtension tools) {
		tools.stubFor(signed(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages")), WORDPRESS)
			.willReturn(json(201, "{\"id\": 4211, \"status\": \"draft\"}")));
		tools.stubFor(signed(post(urlPathMatching("/cms/wp-json/wp/v2/pages/[0-9]+")), WORDPRESS)
			.willReturn(json(200, "{\"id\": 4211, \"status\": \"draft\"}")));
		tools.stubFor(signed(post(urlPathEqualTo("/email/3.0/campaigns")), MAILCHIMP)
			.willReturn(json(200, "{\"id\": \"42694e9e57\", \"status\": \"save\"}")));
		tools.stubFor(signed(put(urlPathMatching("/email/3.0/campaigns/[^/]+/content")), MAILCHIMP)
			.willReturn(json(200, "{\"html\": \"...\"}")));
		tools.stubFor(signed(post(urlPathEqualTo("/tracking/v1/track")), SEGMENT)
			.willReturn(json(200, "{\"success\": true}")));
		tools.stubFor(signed(post(urlPathEqualTo("/tracking/v1/batch")), SEGMENT)
			.willReturn(json(200, "{\"success\": true}")));
		refusedWithout(tools, "/cms/.*", WORDPRESS, aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\": \"rest_cannot_create\", \"message\": \"Sorry, you are not allowed to create posts as "
					+ "this user.\", \"data\": {\"status\": 401}}"));
		refusedWithout(tools, "/email/.*", MAILCHIMP, aResponse().withStatus(401)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": "
					+ "\"API Key Invalid\", \"status\": 401, \"detail\": \"Your API key may be invalid, or you've "
					+ "attempted to access the wrong datacenter.\", \"instance\": \"\"}"));
		// the real Segment answers 200 and drops events with a bad write key (its
		// Debugger
		// shows them missing); a test must see the missing key, as the demo does
		refusedWithout(tools, "/tracking/.*", SEGMENT,
				json(401, "{\"success\": false, \"message\": \"missing or unknown write key\"}"));
	}

	private static MappingBuilder signed(MappingBuilder request, String authorization) {
		return request.withHeader("Authorization", equalTo(authorization));
	}

	/** Requests to the tool without its credentials, or with others, get its 401. */
	private static void refusedWithout(WireMockExtension tools, String paths, String authorization,
			ResponseDefinitionBuilder answer) {
		tools.stubFor(any(urlPathMatching(paths)).atPriority(FALLBACK)
			.withHeader("Authorization", absent())
			.willReturn(answer));
		tools.stubFor(any(urlPathMatching(paths)).atPriority(FALLBACK)
			.withHeader("Authorization", notMatching(Pattern.quote(authorization)))
			.willReturn(answer));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** HTTP Basic as a tool reads it. */
	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
