package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * An edge's answer and a replay's keep the JSON the senders and the review API's clients
 * read: the same fields, in the same order, null where a value is unknown and absent
 * where it means nothing. A stored answer is sent again byte for byte to a retry, so a
 * change here would answer the same message two ways.
 */
class EdgeAnswerTest {

	// as Spring Boot builds the application's mapper (with Optional and java.time)
	private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();

	private final Violation violation = new Violation("/email", "must-match", "email is wrong",
			TextNode.valueOf("a@b.c"), null);

	private static Verdict verdict(String campaign, Long version, String gate) {
		return new Verdict(null, new byte[0], List.of(), new byte[0], List.of("/id"), List.of(), campaign, version,
				null, gate);
	}

	private String write(Object answer) throws Exception {
		return json.writeValueAsString(answer);
	}

	@Test
	void anAcceptedAnswerNamesItsCampaignAndVersionEvenWhenTheMessageHasNone() throws Exception {
		assertThat(write(EdgeAnswer.accepted("m-1", "cms", verdict(null, null, null))))
			.isEqualTo("{\"id\":\"m-1\",\"edge\":\"cms\",\"outcome\":\"accepted\",\"campaign\":null,\"version\":null,"
					+ "\"generated\":[\"/id\"],\"rewritten\":[]}");
		assertThat(write(EdgeAnswer.accepted("m-1", "brief", verdict("c-1", 3L, null))))
			.isEqualTo("{\"id\":\"m-1\",\"edge\":\"brief\",\"outcome\":\"accepted\",\"campaign\":\"c-1\",\"version\":3,"
					+ "\"generated\":[\"/id\"],\"rewritten\":[]}");
	}

	@Test
	void aHeldAnswerSaysWhyBeforeTheCampaign() throws Exception {
		assertThat(write(EdgeAnswer.held("h-1", "cms", verdict("c-1", null, "legal review"))))
			.isEqualTo("{\"id\":\"h-1\",\"edge\":\"cms\",\"outcome\":\"held\",\"status\":\"held\","
					+ "\"reason\":\"legal review\",\"campaign\":\"c-1\",\"version\":null,\"generated\":[\"/id\"],"
					+ "\"rewritten\":[]}");
	}

	@Test
	void aRejectedAnswerHasOnlyTheRejectAndItsViolations() throws Exception {
		assertThat(write(EdgeAnswer.rejected("r-1", "cms", List.of(violation)))).isEqualTo(
				"{\"id\":\"r-1\",\"edge\":\"cms\",\"outcome\":\"rejected\",\"violations\":[{\"pointer\":\"/email\","
						+ "\"rule\":\"must-match\",\"message\":\"email is wrong\",\"expected\":\"a@b.c\",\"actual\":null,"
						+ "\"detail\":null}]}");
	}

	@Test
	void aBatchAnswerHasANullIdWhenNothingWentOnAndLeavesOutWhatDidNotHappen() throws Exception {
		assertThat(write(EdgeAnswer.partlyAccepted("b-1", "batch", 0,
				List.of(new EdgeAnswer.RejectedEvent(2, "r-2", List.of())), List.of(), 0)))
			.isEqualTo("{\"id\":null,\"edge\":\"batch\",\"outcome\":\"rejected\",\"accepted\":0,"
					+ "\"rejected\":[{\"index\":2,\"id\":\"r-2\",\"violations\":[]}]}");
		assertThat(write(EdgeAnswer.partlyAccepted("b-1", "batch", 3, List.of(),
				List.of(new EdgeAnswer.HeldEvent(1, "h-1", "legal review")), 2)))
			.isEqualTo("{\"id\":\"b-1\",\"edge\":\"batch\",\"outcome\":\"partly accepted\",\"accepted\":3,"
					+ "\"rejected\":[],\"held\":[{\"index\":1,\"id\":\"h-1\",\"reason\":\"legal review\"}],"
					+ "\"alreadyTaken\":2}");
		assertThat(write(EdgeAnswer.partlyAccepted("b-1", "batch", 0, List.of(), List.of(), 4)))
			.isEqualTo("{\"id\":null,\"edge\":\"batch\",\"outcome\":\"already taken\",\"accepted\":0,\"rejected\":[],"
					+ "\"alreadyTaken\":4}");
	}

	@Test
	void aReplayAnswerNamesTheRejectFirstAndTheOutcomeBeforeTheId() throws Exception {
		assertThat(write(ReplayAnswer.accepted("r-1", "m-1", verdict(null, null, null)))).isEqualTo(
				"{\"reject\":\"r-1\",\"outcome\":\"accepted\",\"id\":\"m-1\",\"generated\":[\"/id\"],\"rewritten\":[]}");
		assertThat(write(ReplayAnswer.toTopic("r-1", "kafka:out", verdict(null, null, null)))).isEqualTo(
				"{\"reject\":\"r-1\",\"outcome\":\"accepted\",\"id\":\"r-1\",\"topic\":\"kafka:out\",\"generated\":[\"/id\"]}");
		assertThat(write(ReplayAnswer.held("r-1", "h-1", verdict(null, null, "legal review"))))
			.isEqualTo("{\"reject\":\"r-1\",\"outcome\":\"held\",\"id\":\"h-1\",\"status\":\"held\","
					+ "\"reason\":\"legal review\"}");
	}

	@Test
	void aSegmentLibraryIsAnsweredInSegmentsOwnShape() throws Exception {
		assertThat(write(BatchStep.SegmentReply.TAKEN)).isEqualTo("{\"success\":true}");
		assertThat(write(BatchStep.SegmentReply.refused("no")))
			.isEqualTo("{\"success\":false,\"code\":\"invalid_request\",\"message\":\"no\"}");
	}

}
