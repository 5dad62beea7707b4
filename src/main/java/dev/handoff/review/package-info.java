/**
 * What a person does to a reject: replay it as stored, corrected or with an offered fix,
 * discard it, triage its cause, and the same in bulk; with its meters.
 */
package dev.handoff.review;
