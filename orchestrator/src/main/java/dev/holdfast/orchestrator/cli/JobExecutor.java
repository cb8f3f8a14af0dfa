package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.JobKinds;
import dev.holdfast.orchestrator.service.CatalogLock;
import dev.holdfast.orchestrator.service.CatalogLock.LockWaitException;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.scheduler.JobFire;
import dev.holdfast.scheduler.JobRunner;
import dev.holdfast.scheduler.Schedule;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled job as the holdfast commands that do its work, in this process and with
 * this configuration file, so that a scheduled backup behaves exactly like
 * {@code holdfast backup --source NAME}. A job that writes the repository first takes the
 * catalog lock, when there is one, so that no other such job runs beside it on any node.
 */
final class JobExecutor implements JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);

    private final CliContext context;
    private final HoldfastConfig config;
    private final Optional<CatalogLock> lock;
    /** The repository's ID, read once it is needed; it names the repository's lease. */
    private volatile String repositoryId;
    /**
     * Whether the command that runs the jobs was given --verbose. Each job's command sets the
     * log levels again, so without passing it on, the first job would turn DEBUG logging off
     * for the rest of the service's life.
     */
    private final boolean verbose;

    JobExecutor(CliContext context, HoldfastConfig config, Optional<CatalogLock> lock) {
        this.context = context;
        this.config = config;
        this.lock = lock;
        this.verbose = LoggerFactory.getLogger("dev.holdfast").isDebugEnabled();
    }

    @Override
    public void run(Schedule schedule, JobFire fire) throws JobFailedException,
            InterruptedException {
        CliContext jobContext = context.forFire(fire);
        try (CatalogLock.Held held = takeLock(schedule, fire)) {
            for (List<String> command : commands(schedule)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(schedule.jobName() + " was interrupted "
                            + "before holdfast " + String.join(" ", command));
                }
                List<String> arguments = new ArrayList<>(List.of("--config",
                        config.file().toString()));
                if (verbose) {
                    arguments.add("--verbose");
                }
                arguments.addAll(command);
                int status = Holdfast.run(jobContext, arguments.toArray(String[]::new));
                context.out().flush();
                if (status == ExitCodes.INTERRUPTED) {
                    throw new InterruptedException("holdfast " + String.join(" ", command)
                            + " stopped at the service's request");
                }
                if (status != ExitCodes.SUCCESS) {
                    throw new JobFailedException(status, "holdfast " + String.join(" ", command)
                            + " exited with status " + status);
                }
            }
        }
    }

    /**
     * Takes the catalog lock for a job that writes the repository, and returns null, which
     * the caller's try statement accepts, when the job needs none or the lock is unavailable.
     */
    private CatalogLock.Held takeLock(Schedule schedule, JobFire fire)
            throws JobFailedException, InterruptedException {
        if (lock.isEmpty() || !JobKinds.writes(schedule.kind())) {
            return null;
        }
        Optional<String> id = repositoryId(schedule, fire);
        if (id.isEmpty()) {
            return null;
        }
        try {
            return lock.get().acquire(id.get(), schedule.jobName(), fire);
        } catch (LockWaitException e) {
            recordFailure(schedule, fire, e);
            throw new JobFailedException(ExitCodes.REPOSITORY_LOCKED, e.getMessage());
        } catch (CatalogException e) {
            LOG.warn("job {} run {}: cannot take the catalog lock, so the repository's own lock "
                    + "alone guards the run: {}", schedule.jobName(), fire.runId(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * Returns the repository's ID, read from its config object without a passphrase. When it
     * cannot be read, the job runs without the catalog lock and its command then reports why
     * the repository cannot be opened.
     */
    private Optional<String> repositoryId(Schedule schedule, JobFire fire) {
        if (repositoryId != null) {
            return Optional.of(repositoryId);
        }
        Provider provider = null;
        try {
            provider = ProviderFactory.openRepository(config, context.environment(), null,
                    LOG::warn);
            repositoryId = Repository.readId(provider);
            return Optional.of(repositoryId);
        } catch (CliException | StorageException | RepositoryException e) {
            LOG.warn("job {} run {}: cannot read the repository's ID for the catalog lock, so "
                    + "the repository's own lock alone guards the run: {}", schedule.jobName(),
                    fire.runId(), e.getMessage());
            return Optional.empty();
        } finally {
            if (provider != null) {
                OpenRepository.closeQuietly(provider);
            }
        }
    }

    /** Records a run that never started its commands, so that the catalog shows why. */
    private void recordFailure(Schedule schedule, JobFire fire, Exception error) {
        try (JobRecorder recorder = JobRecorder.open(config.catalog(), context.environment(),
                LOG::warn, Holdfast.hostName(), context.clock(), Optional.of(fire))) {
            recorder.start(schedule.kind(), schedule.source().orElse(null)).failed(error);
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
            case JobKinds.RESTORE_TEST -> List.of(List.of("restore-test"));
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
