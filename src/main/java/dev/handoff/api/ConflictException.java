package dev.handoff.api;

/**
 * A review action on something in the wrong state (replaying a reject that is not open):
 * a 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
