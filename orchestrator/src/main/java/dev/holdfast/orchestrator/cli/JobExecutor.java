package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.JobKinds;
import dev.holdfast.scheduler.JobRunner;
import dev.holdfast.scheduler.Schedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled job as the holdfast commands that do its work, in this process and with
 * this configuration file, so that a scheduled backup behaves exactly like
 * {@code holdfast backup --source NAME}.
 */
final class JobExecutor implements JobRunner {
    private final CliContext context;
    private final Path configFile;
    /**
     * Whether the command that runs the jobs was given --verbose. Each job's command sets the
     * log levels again, so without passing it on, the first job would turn DEBUG logging off
     * for the rest of the service's life.
     */
    private final boolean verbose;

    JobExecutor(CliContext context, Path configFile) {
        this.context = context;
        this.configFile = configFile;
        this.verbose = LoggerFactory.getLogger("dev.holdfast").isDebugEnabled();
    }

    @Override
    public void run(Schedule schedule, String runId) throws JobFailedException {
        for (List<String> command : commands(schedule)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new JobFailedException(ExitCodes.INTERRUPTED, schedule.jobName()
                        + " was interrupted before holdfast " + String.join(" ", command));
            }
            List<String> arguments = new ArrayList<>(List.of("--config", configFile.toString()));
            if (verbose) {
                arguments.add("--verbose");
            }
            arguments.addAll(command);
            int status = Holdfast.run(context, arguments.toArray(String[]::new));
            if (status != ExitCodes.SUCCESS) {
                throw new JobFailedException(status, "holdfast " + String.join(" ", command)
                        + " exited with status " + status);
            }
        }
    }

    /** Returns the holdfast commands of the job, in the order they run. */
    static List<List<String>> commands(Schedule schedule) {
        return switch (schedule.kind()) {
            case JobKinds.BACKUP -> List.of(List.of("backup", "--source",
                    schedule.jobName().substring(JobKinds.BACKUP.length() + 1)));
            case JobKinds.RETENTION -> List.of(List.of("forget",
                    "--reason", "retention policy (scheduled)"), List.of("prune"));
            case JobKinds.CHECK -> List.of(List.of("check"));
            case JobKinds.SCRUB -> List.of(List.of("check", "--read-data-subset", "next"));
            case JobKinds.REPAIR -> List.of(List.of("repair"));
            default -> throw new IllegalArgumentException("unknown job kind \"" + schedule.kind()
                    + "\" of job " + schedule.jobName());
        };
    }

    /** A job whose command exited with a status other than success. */
    static final class JobFailedException extends Exception {
        private final int status;

        JobFailedException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
