package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.handoff.contract.ContractProblem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which steps of an edge route Handoff honours, as lint and a reload judge the route
 * files.
 */
class RouteShapeTest {

	@TempDir
	Path folder;

	@Test
	void theShippedRoutesHaveNoStepHandoffCannotHonour() {
		assertThat(problems(Path.of("routes"))).isEmpty();
	}

	@Nested
	class Honoured {

		@Test
		void shapingStepsBetweenTheGuardAndTheAccept() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- log: "accepted ${body}"
					- transform:
					    jq: 'del(.handoff)'
					- setProperty:
					    name: list
					    jq: '.recipients.list_id'
					- to: handoff:accept?deliverTo=direct:mailchimp
					""", """
					- route:
					    id: mailchimp
					    from:
					      uri: direct:mailchimp
					      steps:
					        - log: delivering
					""")).isEmpty();
		}

		@Test
		void stepsThatMapAToolsShapeBeforeTheGuard() throws IOException {
			assertThat(problemsOf("""
					- setBody:
					    jq: '.form_response'
					- to: handoff:guard:email-campaign?inbound=open
					- to: handoff:accept
					""")).isEmpty();
		}

		@Test
		void aChoiceWhoseEveryBranchEndsInAnAccept() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- choice:
					    when:
					      - jq: '.recipients.list_id == "e0e0e0e0e0"'
					        steps:
					          - setBody:
					              jq: '{eu: .}'
					          - to: handoff:accept?deliverTo=https://eu.example.com/campaigns
					    otherwise:
					      steps:
					        - to: handoff:accept?deliverTo=https://example.com/campaigns
					""")).isEmpty();
		}

	}

	@Nested
	class Refused {

		@Test
		void aSendBeforeTheGuard() throws IOException {
			assertThat(problemsOf("""
					- to: https://audit.example.com/raw
					- to: handoff:guard:email-campaign?inbound=open
					- to: handoff:accept
					""")).singleElement()
				.asString()
				.contains(
						"edge 'x', step 1 'to' before handoff:guard sends to 'https:' before the message is committed");
		}

		@Test
		void aSendToAToolBeforeTheCommit() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- to: https://example.com/audit
					- to: handoff:accept
					""")).singleElement()
				.asString()
				.contains("step 2 'to'")
				.contains("sends to 'https:' before the message is committed");
		}

		@Test
		void aFilterThatCouldDropAMessageWithoutAnAnswer() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- filter:
					    jq: '.type == "regular"'
					    steps:
					      - to: handoff:accept
					""")).anySatisfy(p -> assertThat(p).contains("step 2 'filter'").contains("could drop"));
		}

		@Test
		void aHeaderThatWouldNeverReachTheTool() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- setHeader:
					    name: X-Campaign
					    constant: spring
					- to: handoff:accept
					""")).singleElement()
				.asString()
				.contains("'setHeader'")
				.contains("headers do not travel to the tool");
		}

		@Test
		void aStepAfterTheAccept() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- to: handoff:accept
					- setBody:
					    constant: done
					""")).singleElement().asString().contains("step 3 'setBody' comes after handoff:accept");
		}

		@Test
		void aChoiceWithoutOtherwise() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- choice:
					    when:
					      - jq: '.type == "regular"'
					        steps:
					          - to: handoff:accept
					""")).singleElement().asString().contains("'choice' has no otherwise");
		}

		@Test
		void aGuardWithoutAnAccept() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- transform:
					    jq: 'del(.handoff)'
					""")).singleElement().asString().contains("has no handoff:accept after its guard");
		}

		@Test
		void aDeliveryRouteThatNoRouteStartsFrom() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:guard:email-campaign?inbound=open
					- to: handoff:accept?deliverTo=direct:mailchimp-campain
					""")).singleElement()
				.asString()
				.contains(
						"route 'x' delivers to direct:mailchimp-campain, but no route starts from direct:mailchimp-campain");
		}

		@Test
		void aStepAfterABatch() throws IOException {
			assertThat(problemsOf("""
					- to: handoff:batch:tracking-event?deliverTo=https://api.segment.io/v1/batch&inbound=open
					- log: done
					""")).singleElement().asString().contains("comes after handoff:batch");
		}

	}

	@Nested
	class Paths {

		@Test
		void aGuardingRouteOnAToolsOwnPathIsAnEdgeNamedByItsId() throws IOException {
			Files.writeString(folder.resolve("segment.yaml"),
					route("segment-track", "/v1/track", "- to: handoff:guard:tracking-event\n- to: handoff:accept"));
			List<RouteFile> files = RouteFile.read(folder, new ArrayList<>());

			assertThat(files).singleElement().satisfies(f -> {
				assertThat(f.path()).isEqualTo("segment-track");
				assertThat(f.httpPath()).isEqualTo("/v1/track");
			});
			assertThat(problems(folder)).extracting(ContractProblem::problem)
				.as("and its guard must say who may send, as on /edges/")
				.singleElement()
				.asString()
				.contains("inbound=");
		}

		@Test
		void aRouteThatDoesNotGuardIsNoEdge() throws IOException {
			Files.writeString(folder.resolve("ping.yaml"), route("ping", "/hooks/ping", "- log: pinged"));

			assertThat(RouteFile.read(folder, new ArrayList<>())).singleElement().extracting(RouteFile::path).isNull();
		}

		@Test
		void twoEdgesOnOnePath() throws IOException {
			Files.writeString(folder.resolve("a.yaml"),
					route("a", "/v1/track", "- to: handoff:guard:tracking-event?inbound=open\n- to: handoff:accept"));
			Files.writeString(folder.resolve("b.yaml"),
					route("b", "/v1/track", "- to: handoff:guard:tracking-event?inbound=open\n- to: handoff:accept"));

			assertThat(problems(folder)).extracting(ContractProblem::problem)
				.singleElement()
				.asString()
				.contains("edge 'b' serves /v1/track, which edge 'a'")
				.contains("serves already");
		}

		@Test
		void anEdgeOnAPathOfHandoffsOwn() throws IOException {
			Files.writeString(folder.resolve("a.yaml"), route("a", "/api/rejects",
					"- to: handoff:guard:tracking-event?inbound=open\n- to: handoff:accept"));

			assertThat(problems(folder)).extracting(ContractProblem::problem)
				.singleElement()
				.asString()
				.isEqualTo("edge 'a' serves /api/rejects, a path of Handoff's own review API; give it another path");
		}

		private static String route(String id, String path, String steps) {
			return """
					- route:
					    id: %s
					    from:
					      uri: platform-http:%s
					      steps:
					""".formatted(id, path) + steps.indent(8);
		}

	}

	/**
	 * The problems of a route x with these steps; each test's guard says inbound=open,
	 * since who may send is not its subject.
	 */
	private List<String> problemsOf(String steps, String... otherRoutes) throws IOException {
		for (int i = 0; i < otherRoutes.length; i++) {
			Files.writeString(folder.resolve("other-" + i + ".yaml"), otherRoutes[i]);
		}
		Files.writeString(folder.resolve("x.yaml"), """
				- route:
				    id: x
				    from:
				      uri: platform-http:/edges/x
				      steps:
				""" + steps.indent(8));
		List<ContractProblem> problems = problems(folder);
		assertThat(problems).allSatisfy(p -> assertThat(p.file()).endsWith("x.yaml"));
		return problems.stream().map(ContractProblem::problem).toList();
	}

	private static List<ContractProblem> problems(Path routes) {
		List<ContractProblem> problems = new ArrayList<>();
		List<RouteFile> files = RouteFile.read(routes, problems);
		problems.addAll(RouteChecks.problems(files, contract -> true, "contracts"));
		return problems;
	}

}
