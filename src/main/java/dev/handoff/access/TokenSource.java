package dev.handoff.access;

import java.util.List;

/**
 * Review tokens that come from somewhere other than configuration, e.g. the demo's
 * generated admin token.
 */
public interface TokenSource {

	List<AccessProperties.Token> tokens();

}
