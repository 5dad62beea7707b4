package dev.handoff.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The held screen: what waits at a gate and why, approved or declined by an approver,
 * read by everyone else.
 */
class HeldScreenTest extends EdgeTestSupport {

	private String held(String title) throws IOException {
		com.fasterxml.jackson.databind.node.ObjectNode offer = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
			.readTree(Files.readString(Path.of("demo/email-regulated-offer.json")));
		((com.fasterxml.jackson.databind.node.ObjectNode) offer.get("settings")).put("title", title);
		HttpResponse<String> answer = send("email-campaign", bytes(offer));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		assertThat(json(answer).get("status").asText()).isEqualTo("held");
		return json(answer).get("id").asText();
	}

	private int emails(String title) {
		return tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))
			.stream()
			.filter(r -> r.getBodyAsString().contains(title))
			.toList()
			.size();
	}

	@Test
	void anApproverApprovesOneAndDeclinesAnotherWithAComment() throws IOException {
		briefsApproved();
		String approve = held("Offer to approve");
		String decline = held("Offer to decline");

		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		String page = viewer.get("/ui/held").body();
		assertThat(page).contains("data-held=\"" + approve + "\"")
			.contains("data-held=\"" + decline + "\"")
			.contains("Legal review of regulated offers")
			.contains("Only someone with the approver role can decide")
			.doesNotContain("Approve and send on");
		assertThat(viewer.post("/ui/held/" + approve + "/approve", Map.of()).statusCode()).as("a viewer cannot decide")
			.isEqualTo(403);
		UiClient operator = UiClient.signedIn(port, "test-operator-token");
		assertThat(operator.post("/ui/held/" + approve + "/approve", Map.of()).statusCode()).as("nor an operator")
			.isEqualTo(403);

		UiClient approver = UiClient.signedIn(port, "test-approver-token");
		assertThat(approver.get("/ui/held").body()).contains("Approve and send on");
		HttpResponse<String> approved = approver.post("/ui/held/" + approve + "/approve",
				Map.of("comment", "terms checked"));
		assertThat(approved.statusCode()).isEqualTo(302);
		assertThat(approver.get("/ui/held").body()).as("where the browser goes next")
			.contains("Approved: it is on its way to the next tool.");
		await().atMost(Duration.ofSeconds(10)).until(() -> emails("Offer to approve") == 1);

		HttpResponse<String> noComment = approver.post("/ui/held/" + decline + "/decline", Map.of("comment", ""));
		assertThat(noComment.statusCode()).as(noComment.body()).isEqualTo(302);
		assertThat(approver.get("/ui/held").body()).contains("Say why it is declined")
			.contains("data-held=\"" + decline + "\"");
		approver.post("/ui/held/" + decline + "/decline", Map.of("comment", "needs the legal footer"));
		String after = approver.get("/ui/held").body();
		assertThat(after).doesNotContain("data-held=\"" + decline + "\"")
			.doesNotContain("data-held=\"" + approve + "\"")
			.contains("data-decided=\"" + approve + "\"")
			.contains("terms checked")
			.contains("needs the legal footer");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reject_violation v JOIN reject r ON r.seq = v.reject_seq "
				+ "WHERE v.rule = 'declined' AND r.edge = 'email-campaign'", Integer.class))
			.isEqualTo(1);
		assertThat(jdbc.queryForList("SELECT actor FROM audit WHERE subject IN (?, ?) ORDER BY seq", String.class,
				approve, decline))
			.containsExactly("test-approver", "test-approver");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> emails("Offer to decline") == 0);
		assertThat(emails("Offer to approve")).isEqualTo(1);
	}

}
