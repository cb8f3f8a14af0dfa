package dev.holdfast.orchestrator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs holdfast in-process through picocli's {@code CommandLine.execute}, with its own
 * environment, working folder and captured output, as a test would run the real binary.
 */
final class CliRunner {
    /** Exit status and output of one run. */
    record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();
    private Terminal terminal;
    private Clock clock = Clock.systemUTC();

    CliRunner(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    CliRunner env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    CliRunner terminal(Terminal value) {
        this.terminal = value;
        return this;
    }

    CliRunner clock(Clock value) {
        this.clock = value;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(environment, outStream, errStream, terminal,
                workingDirectory, ZoneOffset.UTC, clock);
        int exitCode = Holdfast.commandLine(context).execute(args);
        outStream.flush();
        errStream.flush();
        return new Result(exitCode, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
