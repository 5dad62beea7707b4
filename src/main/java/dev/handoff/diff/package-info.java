/**
 * What a change to the contracts breaks, and for whom: comparing two versions of a
 * contracts folder keyword by keyword.
 */
package dev.handoff.diff;
