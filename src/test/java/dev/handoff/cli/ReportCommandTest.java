package dev.handoff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code handoff report} against a stand-in for the service: the exact call it makes, and
 * what it does with each kind of answer.
 */
class ReportCommandTest {

	private static final String TOKEN = "t0k-r3port";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private StringWriter out;

	private StringWriter err;

	private int report(String... args) {
		List<String> all = new ArrayList<>(List.of("report"));
		all.addAll(List.of(args));
		all.addAll(List.of("--url", "http://127.0.0.1:" + service.getPort(), "--token", TOKEN));
		out = new StringWriter();
		err = new StringWriter();
		return Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
	}

	private static void answers(int status, String contentType, String body) {
		service.stubFor(any(anyUrl())
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
	}

	private static LoggedRequest theRequest() {
		List<LoggedRequest> requests = service.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	@Test
	void asksForTheWindowEdgeCampaignAndFormatGivenWithTheToken() {
		answers(200, "text/csv;charset=UTF-8", "since,until\r\n");
		assertThat(report("--since", "30d", "--until", "2027-03-01", "--edge", "email-campaign", "--campaign", "C 1001",
				"--format", "csv"))
			.as(err::toString)
			.isZero();
		assertThat(theRequest().getUrl())
			.isEqualTo("/api/report?since=30d&until=2027-03-01&edge=email-campaign&campaign=C+1001&format=csv");
		assertThat(theRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(out.toString()).isEqualTo("since,until\r\n");
	}

	@Test
	void leavesTheWindowToTheServiceWhenNoneIsGivenAndAsksForText() {
		answers(200, "text/plain;charset=UTF-8", "Truth tax report\n");
		assertThat(report()).isZero();
		assertThat(theRequest().getUrl()).isEqualTo("/api/report?format=text");
		assertThat(out.toString()).isEqualTo("Truth tax report\n");
	}

	@Test
	void anAnswerThatIsNeitherWhatItAskedForNorJsonIsReportedAsItCame() {
		answers(502, "text/html", "<h1>Bad gateway</h1>");
		assertThat(report("--format", "text")).isEqualTo(2);
		assertThat(out.toString()).isEmpty();
		assertThat(err.toString()).startsWith(
				"error: http://127.0.0.1:" + service.getPort() + " answered 502 (text/html):\n<h1>Bad gateway</h1>");
	}

	@Test
	void aBadRequestIsBadUsage() {
		answers(400, "application/problem+json",
				"{\"title\": \"Bad request\", \"status\": 400, \"detail\": \"since '3x' is not a time\"}");
		assertThat(report("--since", "3x")).isEqualTo(2);
		assertThat(err.toString()).isEqualTo("error: Bad request: since '3x' is not a time\n");
	}

}
