package dev.handoff.api;

/**
 * What a caller sent is refused: a parameter out of its range, a body that cannot be
 * read, a reason left out. Answered 400 with the message as the problem's detail; an
 * {@link IllegalArgumentException} from anywhere else is a fault of the service, not of
 * the request.
 */
public class BadRequest extends RuntimeException {

	public BadRequest(String message) {
		super(message);
	}

}
