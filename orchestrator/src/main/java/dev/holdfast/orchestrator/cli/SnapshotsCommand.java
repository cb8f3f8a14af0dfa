package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "snapshots", description = "Lists the snapshots, oldest first.")
final class SnapshotsCommand implements Callable<Integer> {
    @Option(names = "--deleted", description = "List the forgotten snapshots instead, with "
            + "when each was forgotten and when prune may remove it.")
    private boolean deleted;

    private final Holdfast app;

    SnapshotsCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (deleted) {
            return listDeleted();
        }
        List<SnapshotInfo> snapshots;
        List<String> damaged;
        try (OpenRepository open = app.openRepository()) {
            snapshots = open.repository().snapshots();
            damaged = open.repository().damagedSnapshots();
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(snapshots.stream().map(JsonViews::snapshot).toList());
        } else if (snapshots.isEmpty() && damaged.isEmpty()) {
            printer.info("no snapshots yet: create one with holdfast backup");
        } else {
            table(snapshots, app.context().zone()).forEach(printer::result);
            printer.info(Units.plural(snapshots.size(), "snapshot"));
        }
        if (!damaged.isEmpty()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, Units.plural(damaged.size(), "snapshot")
                    + " cannot be read and " + (damaged.size() == 1 ? "is" : "are") + " not listed: "
                    + String.join(", ", damaged.stream().map(n -> "snapshots/" + n).toList())
                    + "; run holdfast check for details");
        }
        return ExitCodes.SUCCESS;
    }

    private int listDeleted() throws Exception {
        List<DeletedSnapshot> forgotten;
        try (OpenRepository open = app.openRepository()) {
            forgotten = open.repository().deletedSnapshots();
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(forgotten.stream().map(JsonViews::deletedSnapshot).toList());
        } else if (forgotten.isEmpty()) {
            printer.info("no forgotten snapshots");
        } else {
            deletedTable(forgotten, app.context().zone()).forEach(printer::result);
            printer.info(Units.plural(forgotten.size(), "forgotten snapshot"));
        }
        return ExitCodes.SUCCESS;
    }

    static List<String> deletedTable(List<DeletedSnapshot> forgotten, ZoneId zone) {
        Table table = new Table("ID", "Time", "Host", "Tags", "Paths", "Forgotten",
                "Removable from", "Reason");
        for (DeletedSnapshot deleted : forgotten) {
            SnapshotInfo snapshot = deleted.snapshot();
            table.row(snapshot.shortId(), EntryFormat.TIME.format(snapshot.time().atZone(zone)),
                    snapshot.host(), String.join(",", snapshot.tags()),
                    String.join(", ", snapshot.paths()),
                    EntryFormat.TIME.format(deleted.forgottenAt().atZone(zone)),
                    EntryFormat.TIME.format(deleted.removableAt().atZone(zone)),
                    deleted.reason() == null ? "" : deleted.reason());
        }
        return table.lines();
    }

    static List<String> table(List<SnapshotInfo> snapshots, ZoneId zone) {
        Table table = new Table("ID", "Time", "Host", "Tags", "Paths", ">Files", ">Size",
                "Status");
        for (SnapshotInfo snapshot : snapshots) {
            table.row(snapshot.shortId(), EntryFormat.TIME.format(snapshot.time().atZone(zone)),
                    snapshot.host(), String.join(",", snapshot.tags()),
                    String.join(", ", snapshot.paths()), Long.toString(snapshot.files()),
                    Units.bytes(snapshot.bytes()), status(snapshot));
        }
        return table.lines();
    }

    private static String status(SnapshotInfo snapshot) {
        String status = snapshot.partial() ? "partial" : "complete";
        return snapshot.underReplicated() ? status + ", under-replicated" : status;
    }
}
