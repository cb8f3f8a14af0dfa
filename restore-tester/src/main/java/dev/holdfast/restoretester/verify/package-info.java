/**
 * The checks of a restore test: a restored tree against the entries a file snapshot recorded
 * (kind, size, SHA-256, mode, modification time, link target, totals), and restored databases
 * against their recorded row counts and the operator's SQL <em>probes</em>. Each failure
 * kind comes with its {@link dev.holdfast.restoretester.verify.Advice}: what to do next.
 */
package dev.holdfast.restoretester.verify;
