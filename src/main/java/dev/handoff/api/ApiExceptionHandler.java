package dev.handoff.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors in the review API into problem details; Spring's own errors already are. A
 * refused request is a {@link BadRequest}; any other IllegalArgumentException is a fault
 * of the service and answered 500, not blamed on the caller.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return Problems.notFound(e.what(), e.id());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException e) {
		return Problems.of(HttpStatus.CONFLICT, "conflict", "Not possible in its current state", e.getMessage());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, BadRequest.class })
	ProblemDetail badRequest(RuntimeException e) {
		return Problems.badRequest(e.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException e) {
		if (whileReadingTheRequest(e)) {
			return Problems.badRequest(e.getMessage());
		}
		log.error("An API call failed on an unexpected argument: {}", e.getMessage(), e);
		return Problems.internal();
	}

	/**
	 * Whether Spring itself threw it while reading the request into the method's
	 * arguments, before any Handoff code ran: it refuses a
	 * {@code Content-Type: *}{@code /*} that way. Such a request is the caller's fault.
	 */
	static boolean whileReadingTheRequest(Throwable e) {
		for (StackTraceElement frame : e.getStackTrace()) {
			if (frame.getClassName().startsWith("dev.handoff.")) {
				return false;
			}
			if (frame.getClassName().equals(InvocableHandlerMethod.class.getName())
					&& frame.getMethodName().equals("getMethodArgumentValues")) {
				return true;
			}
		}
		return false;
	}

}
