package dev.handoff.api;

/** Thrown by an API call for something that does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

	private final String what;

	private final String id;

	public NotFoundException(String what, String id) {
		super("no " + what + " '" + id + "'");
		this.what = what;
		this.id = id;
	}

	public String what() {
		return what;
	}

	public String id() {
		return id;
	}

}
