package dev.handoff.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/** The review API answers only known bearer tokens; edges and health need none. */
class ApiAccessTest extends EdgeTestSupport {

	@Test
	void refusesACallWithoutATokenWith401Problem() {
		HttpResponse<String> response = get("/api/rejects", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"handoff\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("detail").asText()).contains("Authorization: Bearer");
	}

	@Test
	void refusesAnUnknownTokenWith401() {
		assertThat(get("/api/truth/C-1001", "guessed-token").statusCode()).isEqualTo(401);
		assertThat(get("/api/edges", "").statusCode()).isEqualTo(401);
	}

	@Test
	void letsAViewerRead() {
		assertThat(get("/api/edges", "test-viewer-token").statusCode()).isEqualTo(200);
		assertThat(get("/api/rejects", "test-viewer-token").statusCode()).isEqualTo(200);
	}

	@Test
	void keepsEdgesAndHealthOpen() {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(send("brief-approved", bytes("{}")).statusCode()).isEqualTo(422);
	}

	@Test
	void ranksRolesSoEachMayDoWhatTheOnesBeforeMay() {
		assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
		assertThat(Role.OPERATOR.allows(Role.VIEWER)).isTrue();
		assertThat(Role.OPERATOR.allows(Role.APPROVER)).isFalse();
		assertThat(Role.APPROVER.allows(Role.OPERATOR)).isTrue();
		assertThat(Role.ADMIN.allows(Role.APPROVER)).isTrue();
	}

}
