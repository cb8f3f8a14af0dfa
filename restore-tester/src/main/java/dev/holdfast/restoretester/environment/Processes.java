package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the server tools and stops server processes. */
final class Processes {
    /** How long a killed process may take to disappear before we call it stuck. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final Duration EXIT_POLL = Duration.ofMillis(50);
    private static final int OUTPUT_TAIL = 4000;

    private Processes() {
    }

    /**
     * Runs a command to its end and returns its output (stdout and stderr together).
     *
     * @param command the program and its arguments, never a secret
     * @param environment variables added to the child's environment, the place for secrets
     * @param input bytes written to the child's standard input, or null
     * @param secrets strings removed from the output before it reaches an exception message
     * @throws IOException if the command cannot start, exits with a non-zero status or times out
     */
    static String run(List<String> command, Path directory, Map<String, String> environment,
            byte[] input, Duration timeout, List<String> secrets) throws IOException {
        // Output goes to a file, not a pipe: a daemon that inherits a pipe (the postmaster that
        // pg_ctl starts) would keep it open and hang the reader.
        Path output = Files.createTempFile("holdfast-command-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            feed(process, input);
            int status = await(process, command.getFirst(), timeout);
            String text = redact(readText(output), secrets);
            if (status != 0) {
                throw new IOException("Command '" + String.join(" ", command) + "' exited with "
                        + status + ": " + tail(text));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void feed(Process process, byte[] input) throws IOException {
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        }
    }

    private static int await(Process process, String program, Duration timeout)
            throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process.toHandle());
                throw new IOException("Command '" + program + "' did not finish within "
                        + timeout.toSeconds() + " s; it was killed");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while '" + program + "' ran");
        }
    }

    /** Returns the command line of a process, or its executable when the OS hides the rest. */
    static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    /**
     * Kills a recorded server and its children with SIGKILL, but only when the PID still runs
     * the recorded command line, and waits for them to exit.
     *
     * @return whether no process with that PID and command line is left
     */
    static boolean killIfSame(long pid, String recordedCommand) {
        var process = ProcessHandle.of(pid).filter(Processes::isRunning);
        if (process.isEmpty()) {
            return true;
        }
        if (recordedCommand.isEmpty() || !recordedCommand.equals(commandLine(process.get()))) {
            // The server is gone and its PID now belongs to something else.
            return true;
        }
        return kill(process.get());
    }

    /** Kills a process and its descendants with SIGKILL and waits for them to exit. */
    static boolean kill(ProcessHandle process) {
        // Children first: once the parent is gone they are re-parented and no longer listed.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroyForcibly);
        boolean gone = true;
        for (ProcessHandle each : all) {
            gone &= awaitExit(each, EXIT_WAIT);
        }
        return gone;
    }

    /**
     * Waits for a process to exit; an interrupt ends the wait early and stays set. It polls,
     * because {@code onExit()} of a process that is not our child waits for its parent to
     * reap it, and an init that never reaps leaves zombies that would stall it.
     */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    /**
     * Returns whether a process still runs. A zombie (state Z in {@code /proc/<pid>/stat})
     * has exited and only waits for its parent to reap it, so it counts as gone, although
     * {@link ProcessHandle#isAlive()} reports it alive.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            // The state follows the command name, which is in parentheses and may hold any byte.
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Returns the last few thousand characters of a log, for an error message. */
    static String tail(String text) {
        String trimmed = text.strip();
        if (trimmed.length() <= OUTPUT_TAIL) {
            return trimmed;
        }
        return "..." + trimmed.substring(trimmed.length() - OUTPUT_TAIL);
    }

    /** Returns the tail of a log file, or a note that it cannot be read. */
    static String tailOf(Path log, List<String> secrets) {
        try {
            return tail(redact(readText(log), secrets));
        } catch (IOException e) {
            return "(no log at '" + log + "': " + e.getMessage() + ")";
        }
    }

    /** Reads a log; bytes that are not UTF-8 become replacement characters. */
    static String readText(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, "<redacted>");
            }
        }
        return result;
    }
}
