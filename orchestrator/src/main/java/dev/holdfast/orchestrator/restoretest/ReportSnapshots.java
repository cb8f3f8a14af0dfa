package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.StreamFile;
import dev.holdfast.restoretester.report.ReportHtml;
import dev.holdfast.restoretester.report.ReportJson;
import dev.holdfast.restoretester.report.RestoreTestReport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * Stores restore test reports in the repository itself, each as a small snapshot tagged
 * {@value #TAG}, so that they outlive the catalog. The snapshot records the path
 * {@value #LABEL} and holds {@code /restore-test-report/report.json} and {@code report.html}.
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
