package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.StreamFile;
import dev.holdfast.restoretester.report.ReportHtml;
import dev.holdfast.restoretester.report.ReportJson;
import dev.holdfast.restoretester.report.RestoreTestReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stores restore test reports in the repository itself, each as a small snapshot tagged
 * {@value #TAG}, so that they outlive the catalog. The snapshot records the path
 * {@value #LABEL} and contains {@code /restore-test-report/report.json} and
 * {@code report.html}. A rebuild of the catalog reads them back.
 */
public final class ReportSnapshots {
    /** The tag and the recorded source path of report snapshots. */
    public static final String TAG = "restore-test-report";
    public static final String LABEL = "restore-test-report";
    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";

    private ReportSnapshots() {
    }

    /** Stores {@code report} and its page rendered in {@code zone}; returns the snapshot ID. */
    public static String store(Repository repository, RestoreTestReport report, ZoneId zone)
            throws RepositoryException {
        byte[] json = ReportJson.writePretty(report).getBytes(StandardCharsets.UTF_8);
        byte[] html = ReportHtml.render(report, zone).getBytes(StandardCharsets.UTF_8);
        StreamBackupRequest request = new StreamBackupRequest(LABEL, LABEL, report.host(),
                List.of(TAG), List.of(file(JSON_FILE, json), file(HTML_FILE, html)));
        return repository.backup(request, Progress.NONE).snapshotId();
    }

    /** A report read back from its snapshot. */
    public record Stored(String snapshotId, RestoreTestReport report) {
    }

    /**
     * Reads the reports of the report snapshots among {@code snapshots}. A report that cannot
     * be read is passed to {@code warnings} and left out.
     */
    public static List<Stored> read(Repository repository, List<SnapshotInfo> snapshots,
            Consumer<String> warnings) {
        List<Stored> reports = new ArrayList<>();
        byte[] path = ("/" + LABEL + "/" + JSON_FILE).getBytes(StandardCharsets.UTF_8);
        for (SnapshotInfo snapshot : snapshots) {
            if (!snapshot.tags().contains(TAG)) {
                continue;
            }
            try (InputStream json = repository.openFile(snapshot.id(), path)) {
                reports.add(new Stored(snapshot.id(), ReportJson.read(new String(
                        json.readAllBytes(), StandardCharsets.UTF_8))));
            } catch (RepositoryException | IOException e) {
                warnings.accept("the restore test report in snapshot " + snapshot.shortId()
                        + " cannot be read: " + e.getMessage());
            }
        }
        return reports;
    }

    /**
     * Adds to {@code catalog} those of {@code reports} that it lacks, as a rebuild of the
     * catalog does, and returns how many it added.
     */
    public static int importMissing(RestoreTestReports catalog, String repositoryId,
            List<Stored> reports) throws CatalogException {
        Set<String> known = catalog.storedSnapshots();
        int added = 0;
        for (Stored stored : reports) {
            if (!known.contains(stored.snapshotId())) {
                long id = catalog.add(stored.report(), repositoryId);
                catalog.snapshotStored(id, stored.snapshotId());
                added++;
            }
        }
        return added;
    }

    private static StreamFile file(String name, byte[] content) {
        return new StreamFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }
}
