/**
 * The exceptions that say a request was refused, in a package of their own so that every
 * feature may throw them without depending on the HTTP mapping in {@code api}.
 */
package dev.handoff.problem;
