package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Airtable's list records API as WireMock answers it for the tests: pages of records
 * under {@code /airtable}, an {@code offset} on every page but the last, and 401
 * {@code AUTHENTICATION_REQUIRED} to a request without the token.
 */
final class AirtableStandIn {

	static final String BASE = "appHandoffTest01";

	static final String TABLE = "Briefs";

	static final String TOKEN = "patHandoffTest.0123456789abcdef";

	/** The webhook's MAC secret, as Airtable hands it out: base64. */
	static final String MAC_SECRET = Base64.getEncoder()
		.encodeToString("the webhook's MAC secret".getBytes(StandardCharsets.UTF_8));

	static final String PATH = "/airtable/v0/" + BASE + "/" + TABLE;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final WireMock tool;

	AirtableStandIn(WireMock tool) {
		this.tool = tool;
	}

	/**
	 * The settings that point the service at this stand-in, as {@code name=value} pairs.
	 */
	static List<String> settings(String baseUrl) {
		return List.of("handoff.airtable.enabled=true", "handoff.airtable.url=" + baseUrl + "/airtable",
				"handoff.airtable.base=" + BASE, "handoff.airtable.table=" + TABLE,
				"handoff.airtable.mac-secret=" + MAC_SECRET, "handoff.delivery.edges.brief-airtable.auth.kind=bearer",
				"handoff.delivery.edges.brief-airtable.auth.token=" + TOKEN);
	}

	/** Every request that lacks the token is refused, as Airtable does. */
	void requireToken() {
		tool.register(any(urlPathMatching("/airtable/.*")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"Authentication required\"}}")));
	}

	/** An approved brief as an Airtable record. */
	static ObjectNode record(String id, String campaign, int version, String landingUrl) {
		ObjectNode record = JSON.createObjectNode();
		record.put("id", id);
		record.put("createdTime", "2026-11-20T09:30:00.000Z");
		ObjectNode fields = record.putObject("fields");
		fields.put("campaign_id", campaign);
		fields.put("name", "Brief " + campaign);
		fields.put("version", version);
		fields.put("status", "Approved");
		fields.put("landing_url", landingUrl);
		fields.put("locale", "en-GB");
		fields.putArray("channels").add("email");
		return record;
	}

	/** A record id Airtable could have made: {@code rec} and 14 letters or digits. */
	static String recordId(String tag, int n) {
		return "rec" + tag + String.format("%0" + (14 - tag.length()) + "d", n);
	}

	void register(MappingBuilder stub) {
		tool.register(stub);
	}

	/**
	 * The page asked for with this offset (null: the first), answering these records and
	 * the offset of the next (null: last).
	 */
	void page(String offset, String next, ObjectNode... records) {
		tool.register(pageRequest(offset).willReturn(pageAnswer(next, records)));
	}

	static MappingBuilder pageRequest(String offset) {
		return get(urlPathEqualTo(PATH)).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.withQueryParam("offset", offset == null ? absent() : equalTo(offset));
	}

	static ResponseDefinitionBuilder pageAnswer(String next, ObjectNode... records) {
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode list = answer.putArray("records");
		for (ObjectNode record : records) {
			list.add(record);
		}
		if (next != null) {
			answer.put("offset", next);
		}
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer.toString());
	}

	/** The list records requests received, oldest first. */
	List<LoggedRequest> requests() {
		return tool.find(getRequestedFor(urlPathEqualTo(PATH)));
	}

	/** How many requests asked for the page at this offset (null: the first). */
	long asked(String offset) {
		return requests().stream()
			.filter(r -> offset == null ? !r.getQueryParams().containsKey("offset")
					: r.getQueryParams().containsKey("offset")
							&& offset.equals(r.queryParameter("offset").firstValue()))
			.count();
	}

	/** The offset a request carried, or null. */
	static String offsetOf(LoggedRequest request) {
		return request.getQueryParams().containsKey("offset") ? request.queryParameter("offset").firstValue() : null;
	}

	/** {@code X-Airtable-Content-MAC} for a ping body, as Airtable signs it. */
	static String mac(String body) throws Exception {
		Mac hmac = Mac.getInstance("HmacSHA256");
		hmac.init(new SecretKeySpec(Base64.getDecoder().decode(MAC_SECRET), "HmacSHA256"));
		return "hmac-sha256=" + HexFormat.of().formatHex(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

}
