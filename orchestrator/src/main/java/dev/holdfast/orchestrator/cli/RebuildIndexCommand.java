package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.index.IndexRebuilder;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "rebuild-index", description = "Indexes every pack that no readable index "
        + "file lists, from the packs' own headers, then removes damaged index files. Run it "
        + "when check reports a damaged index or blobs that are in no index.")
final class RebuildIndexCommand implements Callable<Integer> {
    private final Holdfast app;

    RebuildIndexCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        IndexRebuilder.Result result;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            result = open.repository().rebuildIndex(progress);
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(Map.of("packs_indexed", result.packsIndexed(),
                    "removed_index_files", result.removedIndexFiles(),
                    "unreadable_packs", result.unreadablePacks()));
        } else {
            printer.info("indexed " + Units.plural(result.packsIndexed(), "pack") + "; removed "
                    + Units.plural(result.removedIndexFiles().size(), "damaged index file"));
            result.unreadablePacks().forEach(p -> printer.result("damaged: " + p));
        }
        if (!result.unreadablePacks().isEmpty()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, Units.plural(
                    result.unreadablePacks().size(), "pack") + " could not be read and stay unindexed");
        }
        return ExitCodes.SUCCESS;
    }
}
