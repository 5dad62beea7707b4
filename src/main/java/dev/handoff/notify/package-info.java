/**
 * Late-change notices: telling the owners of affected edges when a brief changes after
 * its first version, through webhooks kept as secrets.
 */
package dev.handoff.notify;
