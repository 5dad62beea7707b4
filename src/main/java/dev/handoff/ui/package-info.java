/**
 * The server-rendered review UI under {@code /ui}: the queue, one reject with its editor
 * and fixes, causes, held messages, truth, drift, edges and the report.
 */
package dev.handoff.ui;
