/**
 * The {@code holdfast} command line: one class per command, the {@link
 * dev.holdfast.orchestrator.cli.ExitCodes} they return, and the printer through which commands
 * write to standard output and standard error.
 *
 * <p>A <em>result</em> is what a command was asked for (a listing, a file's bytes) and goes to
 * standard output; <em>messages</em> (progress, warnings, errors) go to standard error, so that
 * results can be piped. The <em>passphrase</em> comes from the environment or a terminal prompt,
 * never from an argument.
 */
package dev.holdfast.orchestrator.cli;
