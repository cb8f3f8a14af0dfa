package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.index.IndexRebuilder;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "rebuild-index", description = "Indexes every pack that no readable index "
        + "file lists, from the packs' own headers, then removes damaged index files. Run it "
        + "when check reports a damaged index or blobs that are in no index.")
final class RebuildIndexCommand extends RepositoryCommand<IndexRebuilder.Result> {
    RebuildIndexCommand(Holdfast app) {
        super(app);
    }

    @Override
    IndexRebuilder.Result work(Repository repository) throws Exception {
        try (ProgressLine progress = app.progress()) {
            return repository.rebuildIndex(progress);
        }
    }

    @Override
    int report(IndexRebuilder.Result result) throws CliException {
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
