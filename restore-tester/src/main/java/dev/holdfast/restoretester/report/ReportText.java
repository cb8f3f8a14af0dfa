package dev.holdfast.restoretester.report;

import dev.holdfast.restoretester.report.RestoreTestReport.Failure;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link RestoreTestReport} as plain text lines for a terminal: the verdict, a
 * table row per source, each failure with what to do next, and a line per snapshot tested.
 */
public final class ReportText {
    private ReportText() {
    }

    /** Returns the report's lines, with times shown in {@code zone}. */
    public static List<String> render(RestoreTestReport report, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        List<Check> checks = report.allChecks();
        long failed = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
        lines.add("Restore test " + report.verdict().label().toUpperCase(java.util.Locale.ROOT)
                + ": " + failed + " of " + checks.size() + " checks failed (started "
                + Figures.time(report.started(), zone) + " on " + report.host() + ", took "
                + Figures.millis(report.duration().toMillis()) + ", seed " + report.seed() + ")");
        lines.add("");
        lines.addAll(sourceTable(report));
        failures(lines, report.failures());
        snapshots(lines, report, zone);
        for (String leftover : report.leftoversRemoved()) {
            lines.add("Removed leftover of an earlier run: " + leftover);
        }
        lines.replaceAll(ReportText::printable);
        return lines;
    }

    /**
     * Returns {@code line} with line breaks as spaces and other control characters as '?',
     * so that a file name in a report cannot move the cursor or recolour the terminal.
     */
    static String printable(String line) {
        return line.replaceAll("\\R", " ").replaceAll("\\p{Cntrl}", "?");
    }

    private static List<String> sourceTable(RestoreTestReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Source", "Kind", "Data age", "Snapshots", "Restore",
            "Throughput", "Files", "Size", "Failed", "Verdict"});
        for (SourceReport source : report.sources()) {
            long files = source.snapshots().stream().mapToLong(SnapshotTest::files).sum();
            long bytes = source.snapshots().stream().mapToLong(SnapshotTest::bytes).sum();
            long restore = source.restoreMillis();
            List<Check> checks = source.allChecks();
            long failed = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
            rows.add(new String[] {source.name(), source.kind().label(),
                Figures.seconds(source.dataAgeSeconds()),
                Integer.toString(source.snapshots().size()), Figures.millis(restore),
                Figures.rate(restore > 0 ? bytes * 1000 / restore : 0), Long.toString(files),
                Figures.bytes(bytes), failed + "/" + checks.size(),
                source.verdict().label()});
        }
        return table(rows);
    }

    private static void failures(List<String> lines, List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add("Failures:");
        for (Failure failure : failures) {
            Check check = failure.check();
            lines.add("  " + failure.place() + ": " + check.name());
            lines.add("    reason: " + check.reason());
            if (!check.nextStep().isEmpty()) {
                lines.add("    next step: " + check.nextStep());
            }
            check.examples().forEach(example -> lines.add("    - " + example));
            if (!check.examples().isEmpty() && check.failed() > check.examples().size()) {
                lines.add("    - and " + (check.failed() - check.examples().size()) + " more");
            }
        }
    }

    private static void snapshots(List<String> lines, RestoreTestReport report, ZoneId zone) {
        lines.add("");
        lines.add("Snapshots tested:");
        for (SourceReport source : report.sources()) {
            for (SnapshotTest snapshot : source.snapshots()) {
                lines.add("  " + source.name() + " " + snapshot.shortId() + " ("
                        + snapshot.role() + ", taken " + Figures.time(snapshot.snapshotTime(),
                                zone) + "): restore " + Figures.millis(snapshot.restoreMillis())
                        + ", verify " + Figures.millis(snapshot.verifyMillis()) + ", "
                        + snapshot.verdict().label());
            }
        }
    }

    /** Pads each column to its widest cell. */
    private static List<String> table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", row[i]));
                line.append(i < row.length - 1 ? "  " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
