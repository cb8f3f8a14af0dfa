package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = {"Lists PATH of a snapshot and everything below it.",
    "Names that are not valid UTF-8 show their other bytes as \\xNN, and a backslash as "
            + "\\x5c; other commands accept such names back."})
final class LsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SNAPSHOT",
            description = "Snapshot ID, unique prefix, or latest.")
    private String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "Path inside the snapshot (default: /).")
    private String path = "/";

    @Option(names = {"-l", "--long"},
            description = "Show type, permissions, owner, group, size and modification time.")
    private boolean longFormat;

    private final Holdfast app;

    LsCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        try (OpenRepository open = app.openRepository()) {
            Repository repository = open.repository();
            SnapshotInfo info = repository.snapshot(snapshot);
            repository.walk(info.id(), SnapshotPaths.parse(path), this::print);
        }
        return ExitCodes.SUCCESS;
    }

    private void print(Entry entry) {
        if (entry.path().length == 1 && entry.path()[0] == '/') {
            return;
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.entry(entry));
        } else if (longFormat) {
            printer.result(EntryFormat.longLine(entry, app.context().zone()));
        } else {
            printer.result(entry.displayPath());
        }
    }
}
