package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every exception that reaches the top into one line on standard error and an exit
 * status from {@link ExitCodes}. The line states what failed in words and names no Java class;
 * the stack trace, with the classes, is printed only with --verbose.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final Holdfast root;
    private final PrintStream err;

    Failures(Holdfast root, PrintStream err) {
        this.root = root;
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        err.println("holdfast: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult result) {
        return report(e);
    }

    /** Prints the line for any throwable, errors of the JVM included, and returns the status. */
    int report(Throwable e) {
        Printer printer = root.printer();
        if (printer == null) {
            err.println("holdfast: " + message(e));
            return exitCode(e);
        }
        printer.error(message(e));
        if (printer.verbose()) {
            printer.stackTrace(e);
        }
        return exitCode(e);
    }

    /**
     * Maps an exception to the exit status; repository reasons map in {@link ExitCodes}. A
     * failure caused by an interruption, such as a provider call cut short by Ctrl-C, maps to
     * {@link ExitCodes#INTERRUPTED} whatever its type.
     */
    static int exitCode(Throwable e) {
        if (causedByInterruption(e)) {
            return ExitCodes.INTERRUPTED;
        }
        return switch (e) {
            case CliException cli -> cli.exitCode();
            case ConfigException config -> ExitCodes.USAGE;
            case ParameterException parameter -> ExitCodes.USAGE;
            case RepositoryException repository -> ExitCodes.forReason(repository.reason());
            case UncheckedIOException unchecked -> exitCode(unchecked.getCause());
            default -> ExitCodes.FAILURE;
        };
    }

    private static boolean causedByInterruption(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException
                    || cause instanceof InterruptedIOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** Returns the one line shown for an exception. */
    static String message(Throwable e) {
        return switch (e) {
            case CliException cli -> cli.getMessage();
            case ConfigException config -> config.getMessage();
            case RepositoryException repository -> repository.getMessage();
            case InterruptedException interrupted -> "interrupted";
            case ClosedByInterruptException interrupted -> "interrupted";
            case InterruptedIOException interrupted -> "interrupted";
            case NoSuchFileException missing -> "file not found: \"" + missing.getFile() + "\"";
            case AccessDeniedException denied -> "permission denied: \"" + denied.getFile() + "\"";
            case FileSystemException other when other.getFile() != null ->
                    "\"" + other.getFile() + "\": " + IoFailures.reason(other);
            case StorageException storage -> storage.getMessage();
            case DatabaseException database -> database.getMessage();
            case UncheckedIOException unchecked -> message(unchecked.getCause());
            case IOException io -> "input or output failed: " + IoFailures.reason(io);
            default -> unexpected(e);
        };
    }

    /**
     * Describes a failure that has no message of its own for users, such as a bug. A wrapper
     * whose message is only its cause's class and message is described by its cause.
     */
    private static String unexpected(Throwable e) {
        Throwable cause = e.getCause();
        if (cause != null && cause != e && (e instanceof ExceptionInInitializerError
                || e.getMessage() == null || e.getMessage().equals(cause.toString()))) {
            return message(cause);
        }
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "internal error" + detail + " (run with --verbose for the stack trace)";
    }
}
