/**
 * One set of database migrations for H2 and PostgreSQL: the column types of large values
 * and the folders read.
 */
package dev.handoff.storage;
