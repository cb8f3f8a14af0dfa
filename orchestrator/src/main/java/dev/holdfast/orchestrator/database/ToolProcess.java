package dev.holdfast.orchestrator.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of a client tool. Its standard error is read on a virtual thread, which keeps the
 * last lines for error messages and passes every line to an optional listener. The password
 * file of the run is deleted when the process has ended.
 */
final class ToolProcess {
    private static final int TAIL_LINES = 20;
    private static final int LINE_LIMIT = 500;
    /** Variables that would hand a password to the tool in place of the password file. */
    private static final List<String> PASSWORD_VARIABLES = List.of("PGPASSWORD", "MYSQL_PWD");

    private final String description;
    private final ConnectionSettings settings;
    private final Process process;
    private final PasswordFile passwordFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread errorReader;

    private ToolProcess(String description, ConnectionSettings settings, Process process,
            PasswordFile passwordFile, Consumer<String> errorLines) {
        this.description = description;
        this.settings = settings;
        this.process = process;
        this.passwordFile = passwordFile;
        this.errorReader = Thread.ofVirtual().name("stderr of " + description)
                .start(() -> readErrors(errorLines));
    }

    /**
     * Starts {@code tool} with {@code arguments} and the password of {@code settings}.
     *
     * @param description what the run does, such as {@code pg_dump of database "shop"}
     * @param errorLines receives every line of standard error, on another thread
     */
    static ToolProcess start(String description, Path tool, List<String> arguments,
            ConnectionSettings settings, Consumer<String> errorLines) throws IOException {
        PasswordFile passwordFile = PasswordFile.write(settings);
        try {
            List<String> command = new ArrayList<>();
            command.add(tool.toString());
            command.addAll(passwordFile.leadingArguments());
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            PASSWORD_VARIABLES.forEach(environment::remove);
            environment.putAll(passwordFile.environment());
            Process process = builder.start();
            return new ToolProcess(description, settings, process, passwordFile, errorLines);
        } catch (IOException | RuntimeException e) {
            passwordFile.close();
            throw new DatabaseException("cannot start " + description + " with \"" + tool
                    + "\": " + e.getMessage(), e);
        }
    }

    static ToolProcess start(String description, Path tool, List<String> arguments,
            ConnectionSettings settings) throws IOException {
        return start(description, tool, arguments, settings, line -> { });
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    String description() {
        return description;
    }

    /** Ends the process at once, as when its output is abandoned. */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the process and its error reader to end, deletes the password file and
     * returns the exit status.
     */
    int await() throws IOException {
        try {
            int status = process.waitFor();
            errorReader.join();
            return status;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + description);
        } finally {
            passwordFile.close();
        }
    }

    /** Waits for the process and fails unless it exited with status 0. */
    void awaitSuccess() throws IOException {
        int status = await();
        if (status != 0) {
            throw failure("exit status " + status);
        }
    }

    /**
     * Returns an exception that names the run, {@code reason} and the last lines of standard
     * error, with passwords removed.
     */
    DatabaseException failure(String reason) {
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        String message = description + " failed (" + reason + ")";
        if (!lines.isEmpty()) {
            message += "; last lines of its error output:\n  " + String.join("\n  ", lines);
        }
        return new DatabaseException(Scrubber.scrub(message, settings.password()));
    }

    private void readErrors(Consumer<String> errorLines) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                keep(line);
                errorLines.accept(line);
            }
        } catch (IOException e) {
            keep("(cannot read the error output: " + e.getMessage() + ")");
        }
    }

    private void keep(String line) {
        String shortened = line.length() > LINE_LIMIT
                ? line.substring(0, LINE_LIMIT) + "..." : line;
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(shortened);
        }
    }
}
