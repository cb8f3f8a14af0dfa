package dev.holdfast.orchestrator.cli;

import dev.holdfast.scheduler.JobFire;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment of one run of holdfast: environment variables, standard streams,
 * terminal, working folder and time zone. {@link Holdfast#main} passes the real ones, and
 * tests pass their own.
 *
 * @param environment environment variables
 * @param out standard output, for results
 * @param err standard error, for progress, warnings and errors
 * @param terminal the interactive terminal, or null when there is none
 * @param workingDirectory folder that relative paths on the command line resolve against
 * @param zone time zone for times shown in tables, and of retention's calendar rules unless
 *     the configuration names another
 * @param clock times snapshots and deletion records and decides when deletion delays end
 * @param fire the fire of the scheduled job that runs the command, or empty for a command run
 *     by hand. The command's record in the catalog stores its run id, fire time and node.
 */
record CliContext(Map<String, String> environment, PrintStream out, PrintStream err,
        Terminal terminal, Path workingDirectory, ZoneId zone, Clock clock,
        Optional<JobFire> fire) {

    CliContext {
        environment = Map.copyOf(environment);
    }

    /** Creates a context of a command run by hand. */
    CliContext(Map<String, String> environment, PrintStream out, PrintStream err,
            Terminal terminal, Path workingDirectory, ZoneId zone, Clock clock) {
        this(environment, out, err, terminal, workingDirectory, zone, clock, Optional.empty());
    }

    /** Creates a context with the system clock in UTC. */
    CliContext(Map<String, String> environment, PrintStream out, PrintStream err,
            Terminal terminal, Path workingDirectory, ZoneId zone) {
        this(environment, out, err, terminal, workingDirectory, zone, Clock.systemUTC());
    }

    /**
     * Returns the context of this process. Output is UTF-8 whatever the locale, because file
     * names are shown in a reversible form that a narrower charset would turn into '?'.
     */
    static CliContext system() {
        Map<String, String> environment = System.getenv();
        PrintStream out = new PrintStream(new BufferedOutputStream(
                new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        return new CliContext(environment, out, err, Terminal.system(environment),
                Path.of("").toAbsolutePath(), ZoneId.systemDefault());
    }

    /** Returns this context for the commands of a scheduled job's {@code jobFire}. */
    CliContext forFire(JobFire jobFire) {
        return new CliContext(environment, out, err, terminal, workingDirectory, zone, clock,
                Optional.of(jobFire));
    }

    boolean interactive() {
        return terminal != null;
    }
}
