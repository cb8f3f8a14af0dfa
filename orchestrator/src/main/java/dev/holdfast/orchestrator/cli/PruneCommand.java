package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.config.Durations;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.retention.BulkDeletionException;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "prune", description = "Removes the snapshots whose deletion delay has passed "
        + "and the data that only they need. Works beside running backups, then deletes in a "
        + "short phase under the exclusive lock.")
final class PruneCommand extends RepositoryCommand<PruneReport> {
    @Option(names = "--dry-run", description = "Show what would be removed; write and delete "
            + "nothing.")
    private boolean dryRun;

    @Option(names = "--repack-threshold", paramLabel = "PERCENT", converter = Percent.class,
            description = "Repack a pack when more than this share of its bytes is unused "
                    + "(default: 50%%).")
    private Double repackThreshold;

    @Option(names = "--wait-for-lock", paramLabel = "DURATION", converter = Wait.class,
            description = "How long the deletion phase waits for backups to release their "
                    + "locks, such as 30m (default: 15m).")
    private Duration lockWait;

    @Option(names = "--confirm-bulk-deletion", description = "Free more of the stored pack "
            + "bytes than repository.bulk-deletion-share (default 50%%) if that is what the "
            + "removed snapshots leave unused.")
    private boolean confirmBulkDeletion;

    /** Forgotten snapshots still inside their deletion delay after the prune. */
    private List<DeletedSnapshot> waiting = List.of();

    PruneCommand(Holdfast app) {
        super(app);
    }

    @Override
    PruneReport work(Repository repository) throws Exception {
        PruneOptions options = PruneOptions.defaults().withDryRun(dryRun)
                .withBulkDeletion(app.config().repository().bulkDeletionShare(),
                        confirmBulkDeletion);
        if (repackThreshold != null) {
            options = options.withRepackThreshold(repackThreshold);
        }
        if (lockWait != null) {
            options = options.withLockWait(lockWait);
        }
        options = options.withKept(RetentionFreezes.read(app, recorder).keptForgotten(
                repository.deletedSnapshots(), app.config().sources(), app.printer()));
        try {
            PruneReport report = repository.prune(options);
            waiting = repository.deletedSnapshots();
            return report;
        } catch (BulkDeletionException e) {
            throw new CliException(ExitCodes.BULK_DELETION_STOPPED, e.getMessage()
                    + "; the threshold is repository.bulk-deletion-share", e);
        }
    }

    /** A dry run changes nothing, so it is no job run. */
    @Override
    String jobKind() {
        return dryRun ? null : "prune";
    }

    @Override
    void record(PruneReport report, Run run, JobRecorder recorder, Repository repository)
            throws Exception {
        run.figure("snapshots_removed", report.snapshotsRemoved().size())
                .figure("packs_deleted", report.packsDeleted())
                .figure("packs_repacked", report.packsRepacked())
                .figure("bytes_freed", report.bytesFreed())
                .figure("failed_deletions", report.failedDeletions().size());
        recorder.snapshotsChanged(repository.id(), repository.snapshots(), waiting);
    }

    @Override
    int report(PruneReport report) throws CliException {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(json(report));
        } else {
            print(printer, report);
            printWaiting(printer);
        }
        if (!report.failedDeletions().isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, Units.plural(
                    report.failedDeletions().size(), "deletion") + " failed; run holdfast prune "
                    + "again once the providers answer");
        }
        return ExitCodes.SUCCESS;
    }

    /** Says how many forgotten snapshots still wait out their deletion delay, and until when. */
    private void printWaiting(Printer printer) {
        if (waiting.isEmpty()) {
            return;
        }
        Instant next = waiting.stream().map(DeletedSnapshot::removableAt)
                .min(Comparator.naturalOrder()).orElseThrow();
        String verb = waiting.size() == 1 ? " still waits" : " still wait";
        printer.info(Units.plural(waiting.size(), "forgotten snapshot") + verb + " out the "
                + "deletion delay; the first becomes removable at "
                + next.truncatedTo(ChronoUnit.SECONDS) + " (holdfast snapshots --deleted)");
    }

    private static void print(Printer printer, PruneReport report) {
        String verb = report.dryRun() ? "would remove " : "removed ";
        report.failedDeletions().forEach(f -> printer.result("failed: " + f));
        report.warnings().forEach(w -> printer.result("warning: " + w));
        printer.info(verb + Units.plural(report.snapshotsRemoved().size(), "snapshot") + ", "
                + (report.dryRun() ? "delete " : "deleted ") + Units.plural(
                report.packsDeleted(), "pack") + " and " + (report.dryRun() ? "repack "
                : "repacked ") + Units.plural(report.packsRepacked(), "pack") + "; "
                + (report.dryRun() ? "would rewrite " : "rewrote ")
                + Units.plural(report.indexFilesRewritten(), "index file"));
        printer.info((report.dryRun() ? "would free " : "freed ")
                + Units.bytes(Math.max(0, report.bytesFreed())) + " (" + Units.bytes(
                report.bytesDeleted()) + " deleted, " + Units.bytes(report.bytesWritten())
                + " written by repacking)");
        report.lockedUntil().ifPresent(until -> printer.info("kept "
                + Units.plural(report.locked().size(), "object") + " under object lock ("
                + report.packsLocked() + " packs), locked until " + until + " at the latest"));
        if (!report.snapshotsKept().isEmpty()) {
            printer.info("kept " + Units.plural(report.snapshotsKept().size(), "snapshot")
                    + " that could not be deleted yet");
        }
    }

    private static Map<String, Object> json(PruneReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dry_run", report.dryRun());
        view.put("snapshots_removed", report.snapshotsRemoved());
        view.put("snapshots_kept", report.snapshotsKept());
        view.put("packs_deleted", report.packsDeleted());
        view.put("packs_repacked", report.packsRepacked());
        view.put("packs_locked", report.packsLocked());
        view.put("locked_until", report.lockedUntil().map(Object::toString).orElse(null));
        view.put("bytes_deleted", report.bytesDeleted());
        view.put("bytes_written", report.bytesWritten());
        view.put("bytes_freed", report.bytesFreed());
        view.put("index_files_rewritten", report.indexFilesRewritten());
        view.put("failed_deletions", report.failedDeletions());
        view.put("warnings", report.warnings());
        return view;
    }

    /** Reads a percentage such as 30% or 30 as a share between 0 and 1. */
    static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String number = value.strip();
            number = number.endsWith("%") ? number.substring(0, number.length() - 1) : number;
            try {
                double percent = Double.parseDouble(number);
                if (percent >= 0 && percent <= 100) {
                    return percent / 100;
                }
            } catch (NumberFormatException e) {
                // Reported below with the expected form.
            }
            throw new TypeConversionException("invalid percentage \"" + value
                    + "\": expected a number from 0 to 100, such as 30%");
        }
    }

    /** Reads a duration in the configuration file's form. */
    static final class Wait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
