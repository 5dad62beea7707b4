/**
 * The service's OpenAPI document: what springdoc reads from the controllers, completed
 * with each edge in force, its sender's credential and the roles the review API asks for.
 * Nothing depends on this package; it reads the others.
 */
package dev.handoff.openapi;
