/**
 * Demo mode only: an admin review token printed at start and one WireMock server standing
 * in for the CMS, the email platform and the tracking collector.
 */
package dev.handoff.demo;
