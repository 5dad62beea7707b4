package dev.handoff.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped CMS edge keeps one WordPress page per campaign: the first accepted page is
 * created with {@code POST /wp/v2/pages}, WordPress answers its id, and a page built on a
 * later brief version updates that page with {@code POST /wp/v2/pages/{id}}, so a late
 * change reaches the page that is live and the drift clears.
 */
class WordPressPagesTest extends EdgeTestSupport {

	private static final String PAGES = "/cms/wp-json/wp/v2/pages";

	@Test
	void aLateChangeUpdatesThePageTheFirstVersionCreatedAndClearsTheDrift() throws IOException {
		tools.stubFor(post(urlPathEqualTo(PAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": 42, \"status\": \"draft\", \"link\": \"https://shop.example.com/?page_id=42\"}")));
		tools.stubFor(post(urlPathEqualTo(PAGES + "/42")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": 42, \"status\": \"draft\"}")));
		accept("brief-approved", example("brief-approved", "01-approved-brief.json"));
		String first = accept("cms-landing-page", example("cms-landing-page", "03-built-from-the-old-brief.json"));
		await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(first)));
		JsonNode created = JSON.readTree(tools.findAll(postRequestedFor(urlPathEqualTo(PAGES))).get(0).getBody());
		assertThat(created.fieldNames()).toIterable().containsExactlyInAnyOrder("title", "content", "status", "slug");

		accept("brief-approved", example("brief-approved", "02-late-change-of-landing-url.json"));
		assertThat(json(get("/api/drift?campaign=C-1001"))).as("v1 is live, the truth is v2")
			.anySatisfy(d -> assertThat(d.get("edge").asText()).isEqualTo("cms-landing-page"));

		String second = accept("cms-landing-page", example("cms-landing-page", "01-good-page.json"));
		await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(second)));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(PAGES)))).as("one page created").hasSize(1);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(PAGES + "/42")))).as("that page updated")
			.singleElement()
			.satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(second));
		assertThat(tools.findAll(anyRequestedFor(urlPathMatching(PAGES + "/(?!42$).*")))).isEmpty();
		assertThat(json(get("/api/drift?campaign=C-1001")))
			.noneSatisfy(d -> assertThat(d.get("edge").asText()).isEqualTo("cms-landing-page"));
		assertThat(json(get("/api/truth/C-1001")).get("artifacts")).singleElement()
			.satisfies(a -> assertThat(a.get("id").asText()).isEqualTo("42"));
	}

	/**
	 * The dispatcher writes outcomes together a moment after their sends; one that names
	 * the page WordPress made is written at once, so the next page of that campaign,
	 * accepted the moment WordPress has the first, updates it instead of making a second.
	 */
	@Test
	void aPageSentRightAfterTheFirstUpdatesThePageTheFirstMade() {
		tools.stubFor(post(urlPathEqualTo(PAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": 43, \"status\": \"draft\"}")));
		tools.stubFor(post(urlPathEqualTo(PAGES + "/43")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": 43, \"status\": \"draft\"}")));
		briefsApproved("C-4343");
		accept("cms-landing-page", page("C-4343"));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !tools.findAll(postRequestedFor(urlPathEqualTo(PAGES))).isEmpty());

		String second = accept("cms-landing-page", page("C-4343"));
		await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(second)));

		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(PAGES)))).as("one page created").hasSize(1);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(PAGES + "/43")))).as("that page updated")
			.singleElement()
			.satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(second));
	}

	/**
	 * The shipped page built on the brief's current version, for a campaign of its own.
	 */
	private static JsonNode page(String campaign) {
		JsonNode page = example("cms-landing-page", "01-good-page.json");
		((ObjectNode) page.get("meta")).put("campaign_id", campaign);
		return page;
	}

	private String accept(String edge, JsonNode message) {
		HttpResponse<String> answer = send(edge, bytes(message));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		return json(answer).get("id").asText();
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

}
