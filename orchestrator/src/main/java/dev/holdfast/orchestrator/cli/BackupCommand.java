package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
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
    "Without PATH, backs up each source of the configuration into a snapshot of its own."})
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

    @Override
    public Integer call() throws Exception {
        List<BackupRequest> requests = requests();
        int status = ExitCodes.SUCCESS;
        try (OpenRepository open = app.openRepository()) {
            for (BackupRequest request : requests) {
                app.printer().detail("backing up " + request.sources() + " as host \""
                        + request.host() + "\", excluding " + request.excludes());
                BackupSummary summary;
                try (ProgressLine progress = app.progress()) {
                    summary = open.repository().backup(request, progress);
                }
                BackupReport.print(app.printer(), summary);
                if (summary.partial()) {
                    status = ExitCodes.PARTIAL_BACKUP;
                }
            }
        }
        return status;
    }

    private List<BackupRequest> requests() throws Exception {
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
            return List.of(request(resolved, excludes, "path"));
        }
        List<SourceConfig> sources = selectedSources(app.config());
        if (parent != null && sources.size() > 1) {
            throw usage("--parent applies to one snapshot, but " + sources.size() + " sources "
                    + "are selected: add --source NAME");
        }
        List<BackupRequest> requests = new ArrayList<>();
        for (SourceConfig source : sources) {
            List<String> combined = new ArrayList<>(source.excludes());
            combined.addAll(excludes);
            requests.add(request(source.paths(), combined,
                    "path of source \"" + source.name() + "\""));
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
        String hostName = host != null ? host : Holdfast.hostName();
        return new BackupRequest(sources, hostName, List.copyOf(tags), parent,
                List.copyOf(patterns));
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
