package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.dbsource.DatabaseBackup;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.backup.Excludes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = {"Backs up files and folders into a new snapshot.",
    "Without PATH, backs up each source of the configuration into a snapshot of its own; "
            + "a database source is dumped with the server's own tools."})
final class BackupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to back up.")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--source", paramLabel = "NAME",
            description = "Back up only this source of the configuration (repeatable).")
    private List<String> sourceNames = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG",
            description = "Label to record in the snapshot (repeatable).")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST",
            description = "Host name to record (default: this machine's name).")
    private String host;

    @Option(names = "--exclude", paramLabel = "GLOB", description = {
        "Skip entries that match GLOB (repeatable); added to the excludes of each source. "
                + "A GLOB that starts with / matches the absolute path, such as "
                + "/home/alice/.cache/**. Any other GLOB with a / matches the path from the "
                + "snapshot root, which starts with the source's name (data/cache), and also "
                + "the absolute path (**/cache). A GLOB without / matches the name (*.tmp)."})
    private List<String> excludes = new ArrayList<>();

    @Option(names = "--parent", paramLabel = "SNAPSHOT",
            description = "Snapshot whose unchanged files are not read again (default: the "
                    + "newest snapshot of the same host and paths).")
    private String parent;

    private final Holdfast app;

    BackupCommand(Holdfast app) {
        this.app = app;
    }

    /** The source of each request, or null for paths from the command line. */
    private final List<String> requestSources = new ArrayList<>();

    /**
     * One snapshot to take: files, or a database source whose dumps are streamed.
     *
     * @param files the request of a file backup, or null
     * @param database the database source, or null
     */
    private record Job(BackupRequest files, SourceConfig database) {
        String describe() {
            return files != null ? files.sources() + " as host \"" + files.host()
                    + "\", excluding " + files.excludes()
                    : "database source \"" + database.name() + "\"";
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Job> requests = requests();
        try (JobRecorder recorder = app.jobRecorder()) {
            List<Run> runs = new ArrayList<>();
            for (String source : requestSources) {
                runs.add(recorder.start("backup", source));
            }
            try {
                return backup(requests, runs, recorder);
            } catch (Exception | Error e) {
                // Each run that ended already has its outcome; the rest share this failure.
                runs.forEach(run -> run.failed(e));
                throw e;
            }
        }
    }

    private int backup(List<Job> requests, List<Run> runs, JobRecorder recorder)
            throws Exception {
        int status = ExitCodes.SUCCESS;
        try (OpenRepository open = app.openRepository()) {
            Repository repository = open.repository();
            runs.forEach(run -> run.repository(repository.id()));
            for (int i = 0; i < requests.size(); i++) {
                Job job = requests.get(i);
                app.printer().detail("backing up " + job.describe());
                BackupSummary summary;
                try (ProgressLine progress = app.progress()) {
                    summary = job.files() != null ? repository.backup(job.files(), progress)
                            : DatabaseBackup.run(repository, job.database(), hostName(),
                                    List.copyOf(tags), app.context().environment(), progress);
                }
                BackupReport.print(app.printer(), summary);
                record(runs.get(i), summary);
                recorder.snapshotAdded(repository.id(),
                        repository.snapshot(summary.snapshotId()));
                if (summary.partial()) {
                    status = ExitCodes.PARTIAL_BACKUP;
                }
            }
        }
        return status;
    }

    private static void record(Run run, BackupSummary summary) {
        run.figure("snapshot", summary.snapshotId())
                .figure("files_new", summary.filesNew())
                .figure("files_changed", summary.filesChanged())
                .figure("files_unchanged", summary.filesUnchanged())
                .figure("bytes_read", summary.bytesRead())
                .figure("bytes_added", summary.bytesAdded())
                .figure("blobs_added", summary.blobsAdded())
                .figure("duration_ms", summary.duration().toMillis())
                .figure("under_replicated", summary.underReplicated().size());
        if (summary.partial()) {
            run.partial(Units.plural(summary.warnings().size()
                    + summary.changedWhileRead().size(), "path") + " not read completely");
        } else {
            run.succeeded();
        }
    }

    private List<Job> requests() throws Exception {
        for (String pattern : excludes) {
            Optional<String> problem = Excludes.problem(pattern);
            if (problem.isPresent()) {
                throw usage("invalid --exclude pattern \"" + pattern + "\": " + problem.get());
            }
        }
        if (!paths.isEmpty()) {
            if (!sourceNames.isEmpty()) {
                throw usage("pass either paths or --source, not both");
            }
            List<Path> resolved = paths.stream().map(app::resolve).toList();
            requestSources.add(null);
            return List.of(new Job(request(resolved, excludes, "path"), null));
        }
        List<SourceConfig> sources = selectedSources(app.config());
        if (parent != null && sources.size() > 1) {
            throw usage("--parent applies to one snapshot, but " + sources.size() + " sources "
                    + "are selected: add --source NAME");
        }
        List<Job> requests = new ArrayList<>();
        for (SourceConfig source : sources) {
            requestSources.add(source.name());
            if (source.database().isPresent()) {
                if (parent != null) {
                    throw usage("--parent applies to file sources, and \"" + source.name()
                            + "\" is a database source");
                }
                requests.add(new Job(null, source));
                continue;
            }
            List<String> combined = new ArrayList<>(source.excludes());
            combined.addAll(excludes);
            requests.add(new Job(request(source.paths(), combined,
                    "path of source \"" + source.name() + "\""), null));
        }
        return requests;
    }

    private List<SourceConfig> selectedSources(HoldfastConfig config) throws CliException {
        if (sourceNames.isEmpty()) {
            if (config.sources().isEmpty()) {
                throw usage("nothing to back up: name paths, or add sources to \""
                        + config.file() + "\"");
            }
            return config.sources();
        }
        List<String> known = config.sources().stream().map(SourceConfig::name).toList();
        List<SourceConfig> selected = new ArrayList<>();
        for (String name : sourceNames) {
            selected.add(config.source(name).orElseThrow(() -> usage("unknown source \"" + name
                    + "\": expected one of " + known + " from \"" + config.file() + "\"")));
        }
        return selected;
    }

    private BackupRequest request(List<Path> sources, List<String> patterns, String what)
            throws CliException {
        for (Path source : sources) {
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw usage(what + " \"" + source + "\" does not exist");
            }
        }
        return new BackupRequest(sources, hostName(), List.copyOf(tags), parent,
                List.copyOf(patterns));
    }

    private String hostName() {
        return host != null ? host : Holdfast.hostName();
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
