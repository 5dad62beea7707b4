package dev.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.support.InvocableHandlerMethod;

/**
 * A refused request is a 400; an IllegalArgumentException from the service's own code is
 * its fault, a 500 that does not blame the caller or show the message.
 */
class ApiExceptionHandlerTest {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void aBadRequestIsA400WithItsMessage() {
		ProblemDetail problem = handler.badRequest(new BadRequest("size must be between 1 and 500"));

		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("size must be between 1 and 500");
	}

	@Test
	void anIllegalArgumentFromHandoffCodeIsA500ThatKeepsItsMessageToTheLog() {
		ProblemDetail problem = handler.illegalArgument(new IllegalArgumentException("secret internal state"));

		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getDetail()).doesNotContain("secret internal state");
	}

	@Test
	void anIllegalArgumentSpringThrowsWhileReadingTheRequestIsA400() {
		IllegalArgumentException spring = new IllegalArgumentException("Content-Type cannot contain wildcard type '*'");
		spring.setStackTrace(new StackTraceElement[] {
				new StackTraceElement("org.springframework.http.HttpHeaders", "setContentType", null, 1030),
				new StackTraceElement(InvocableHandlerMethod.class.getName(), "getMethodArgumentValues", null, 227),
				new StackTraceElement("dev.handoff.edge.EdgeEntryFilter", "doFilterInternal", null, 1) });

		ProblemDetail problem = handler.illegalArgument(spring);

		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("Content-Type cannot contain wildcard type '*'");
	}

	@Test
	void anIllegalArgumentFromHandoffCodeCalledWhileReadingArgumentsIsStillA500() {
		IllegalArgumentException ours = new IllegalArgumentException("a bug in a resolver");
		ours.setStackTrace(new StackTraceElement[] {
				new StackTraceElement("dev.handoff.access.SomeResolver", "resolve", null, 1),
				new StackTraceElement(InvocableHandlerMethod.class.getName(), "getMethodArgumentValues", null, 227) });

		assertThat(handler.illegalArgument(ours).getStatus()).isEqualTo(500);
	}

}
