package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "undelete", description = "Brings back a forgotten snapshot while its "
        + "deletion delay lasts.")
final class UndeleteCommand extends RepositoryCommand<SnapshotInfo> {
    @Parameters(paramLabel = "ID", description = "The forgotten snapshot: a full ID or a "
            + "unique prefix.")
    private String id;

    UndeleteCommand(Holdfast app) {
        super(app);
    }

    @Override
    SnapshotInfo work(Repository repository) throws Exception {
        return repository.undelete(id);
    }

    @Override
    int report(SnapshotInfo snapshot) {
        Printer printer = app.printer();
        if (printer.json()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("undeleted", snapshot.id());
            printer.json(view);
        } else {
            printer.info("undeleted snapshot " + snapshot.shortId() + ": it is listed again");
        }
        return ExitCodes.SUCCESS;
    }
}
