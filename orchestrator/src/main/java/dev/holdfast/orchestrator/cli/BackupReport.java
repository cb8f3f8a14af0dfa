package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.BackupSummary;

/** Prints what a backup did: counts, sizes, duration and every path saved only in part. */
final class BackupReport {
    private BackupReport() {
    }

    static void print(Printer printer, BackupSummary summary) {
        if (printer.json()) {
            printer.json(JsonViews.backup(summary));
            return;
        }
        printer.info("snapshot " + summary.snapshotId() + " saved");
        printer.info("  files:     " + summary.filesNew() + " new, " + summary.filesChanged()
                + " changed, " + summary.filesUnchanged() + " unchanged");
        printer.info("  folders:   " + summary.directories());
        printer.info("  read:      " + Units.bytes(summary.bytesRead()));
        printer.info("  added:     " + Units.bytes(summary.bytesAdded()) + " in "
                + Units.plural(summary.blobsAdded(), "new blob"));
        printer.info("  duration:  " + Units.duration(summary.duration()));
        if (summary.partial()) {
            printPartial(printer, summary);
        }
        if (!summary.underReplicated().isEmpty()) {
            printer.warning("the snapshot is under-replicated: "
                    + Units.plural(summary.underReplicated().size(), "object")
                    + " reached the write quorum but not every provider");
        }
    }

    private static void printPartial(Printer printer, BackupSummary summary) {
        printer.info("the snapshot is partial: "
                + Units.plural(summary.warnings().size(), "path") + " could not be read, "
                + Units.plural(summary.changedWhileRead().size(), "file")
                + " changed while read");
        for (BackupSummary.Warning warning : summary.warnings()) {
            printer.info("  unreadable: " + warning.path() + ": " + warning.reason());
        }
        for (String path : summary.changedWhileRead()) {
            printer.info("  changed while read: " + path);
        }
    }
}
