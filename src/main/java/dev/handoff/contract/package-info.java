/**
 * The contracts in force: loading, checking and reloading the contracts folder with each
 * contract's schema, {@code x-handoff} block, gate and taxonomy.
 */
package dev.handoff.contract;
