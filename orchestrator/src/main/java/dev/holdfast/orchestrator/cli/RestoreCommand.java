package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.dbsource.Connections;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.placement.DamagedCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {"Restores a snapshot, or parts of it, into a folder.",
    "A database snapshot can instead be restored into a new database with --into-database."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SNAPSHOT",
            description = "Snapshot ID, unique prefix, or latest.")
    private String snapshot;

    @Option(names = "--target", paramLabel = "DIR",
            description = "Folder to restore into; created when missing.")
    private Path target;

    @Option(names = "--into-database", paramLabel = "NAME|URL", description = {
        "Restore a database snapshot into this database: a name on the server of the "
                + "snapshot's source, or a URL such as postgresql://USER@HOST:PORT/NAME whose "
                + "password is in " + Connections.PASSWORD_ENV + " or the file named by "
                + Connections.PASSWORD_FILE_ENV + "."})
    private String intoDatabase;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Database of the snapshot to restore, when it holds several.")
    private String database;

    @Option(names = "--replace",
            description = "Drop and recreate a target database that is not empty.")
    private boolean replace;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Parallel pg_restore jobs (default: the source's restore-jobs, or 1).")
    private Integer jobs;

    @Option(names = "--globals",
            description = "Restore PostgreSQL's roles and tablespaces first; they are shared by "
                    + "every database of the server.")
    private boolean globals;

    @Option(names = "--include", paramLabel = "PATH",
            description = "Restore only PATH of the snapshot and everything below it "
                    + "(repeatable).")
    private List<String> includes = new ArrayList<>();

    @Option(names = "--overwrite",
            description = "Allow a target folder that is not empty; existing files are replaced.")
    private boolean overwrite;

    @Option(names = "--no-owners",
            description = "Do not set owners and groups (only root can set them anyway).")
    private boolean noOwners;

    private final Holdfast app;

    RestoreCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if ((target == null) == (intoDatabase == null)) {
            throw new CliException(ExitCodes.USAGE, "give either --target DIR or "
                    + "--into-database NAME|URL");
        }
        if (intoDatabase != null) {
            return new DatabaseTargetRestore(app).restore(snapshot, intoDatabase, database,
                    replace, jobs, globals);
        }
        Path folder = app.resolve(target);
        checkTarget(folder);
        List<byte[]> paths = includes.stream().map(SnapshotPaths::parse).toList();
        RestoreRequest request = new RestoreRequest(snapshot, folder, paths, overwrite, !noOwners);
        RestoreSummary summary;
        List<DamagedCopy> damagedCopies;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            summary = open.repository().restore(request, progress);
            damagedCopies = open.repository().damagedCopies();
        }
        report(summary, folder);
        for (DamagedCopy copy : damagedCopies) {
            app.printer().warning(copy + "; read another copy instead");
        }
        if (!summary.failed().isEmpty()) {
            throw incomplete(summary);
        }
        return ExitCodes.SUCCESS;
    }

    /**
     * Returns the error for a restore that left paths out. Damaged or missing repository data
     * gets its own status, because its remedy is a check of the repository, not of the target.
     */
    private static CliException incomplete(RestoreSummary summary) {
        String paths = Units.plural(summary.failed().size(), "path")
                + " could not be restored completely";
        if (summary.damaged() == 0) {
            return new CliException(ExitCodes.FAILURE, paths + "; see the warnings above");
        }
        return new CliException(ExitCodes.DAMAGED_DATA, paths + ", " + summary.damaged()
                + " of them because repository data is damaged or missing; see the warnings "
                + "above and run holdfast check --read-data");
    }

    /** Rejects a target that would mix restored files with existing ones, before any work. */
    private void checkTarget(Path folder) throws CliException, IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.FAILURE, "target \"" + folder + "\" is not a "
                    + "folder: pass a folder to restore into with --target");
        }
        boolean empty;
        try (Stream<Path> children = Files.list(folder)) {
            empty = children.findAny().isEmpty();
        }
        if (!empty && !overwrite) {
            throw new CliException(ExitCodes.FAILURE, "target folder \"" + folder + "\" is not "
                    + "empty: restore into an empty or new folder, or pass --overwrite to "
                    + "replace existing files");
        }
    }

    /**
     * Prints the metadata warnings and the summary. Each failed path was printed as a warning
     * while the restore ran, so it is not repeated here.
     */
    private void report(RestoreSummary summary, Path folder) {
        Printer printer = app.printer();
        for (String warning : summary.warnings()) {
            printer.warning(warning);
        }
        if (printer.json()) {
            printer.json(JsonViews.restore(summary, folder));
            return;
        }
        printer.info("restored " + Units.plural(summary.files(), "file") + " ("
                + Units.bytes(summary.bytes()) + " written), "
                + Units.plural(summary.directories(), "folder") + " and "
                + Units.plural(summary.otherEntries(), "other entry", "other entries")
                + " into " + folder);
    }
}
