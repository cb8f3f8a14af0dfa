package dev.holdfast.restoretester.report;

import dev.holdfast.restoretester.report.RestoreTestReport.Failure;
import java.time.ZoneId;
import java.util.List;

/**
 * Renders a {@link RestoreTestReport} as one self-contained HTML page: inline CSS, an inline
 * SVG chart, no script and nothing loaded from elsewhere, so it can be mailed, archived or
 * opened offline. Every text from the report is escaped.
 *
 * <p>Top to bottom: the verdict, a row per source, each failure with what to do next, the
 * restore times of the last 30 days, a row per snapshot tested, and the run's details.
 */
public final class ReportHtml {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;\
            color:#1f2328;background:#f6f8fa}
            main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
            .verdict{padding:20px 24px;color:#fff}
            .verdict.passed{background:#1a7f37}.verdict.failed{background:#cf222e}
            .verdict h1{margin:0 0 4px;font-size:28px}.verdict p{margin:0}
            section{background:#fff;border:1px solid #d0d7de;border-radius:6px;\
            margin:16px 0;padding:12px 16px}
            h2{font-size:18px;margin:4px 0 12px}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d0d7de;\
            vertical-align:top}
            td.number,th.number{text-align:right;white-space:nowrap}
            .status{font-weight:600}.status.passed{color:#1a7f37}.status.failed{color:#cf222e}
            .status.skipped{color:#57606a}
            .failure{border-left:4px solid #cf222e;padding:4px 12px;margin:12px 0}
            .failure h3{font-size:15px;margin:0 0 4px}.reason{margin:4px 0}
            .next-step{margin:4px 0;font-weight:600}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
            ul.examples{margin:4px 0;padding-left:20px}
            .muted{color:#57606a}
            """;

    private ReportHtml() {
    }

    /** Returns the page, with times shown in {@code zone}. */
    public static String render(RestoreTestReport report, ZoneId zone) {
        StringBuilder page = new StringBuilder(16_384);
        Verdict verdict = report.verdict();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, ")
                .append("initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title(report, zone))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(page, report, verdict, zone);
        page.append("<main>\n");
        sources(page, report);
        failures(page, report.failures());
        page.append("<section id=\"trend\">\n<h2>Restore times, last 30 days</h2>\n")
                .append(TrendChart.svg(report.trend(), report.started(), zone))
                .append("\n</section>\n");
        snapshots(page, report, zone);
        details(page, report);
        return page.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String title(RestoreTestReport report, ZoneId zone) {
        return "Restore test " + report.verdict().label() + " - "
                + Figures.time(report.started(), zone);
    }

    private static void header(StringBuilder page, RestoreTestReport report, Verdict verdict,
            ZoneId zone) {
        List<Check> checks = report.allChecks();
        long failed = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
        String summary = verdict == Verdict.PASSED
                ? "All " + checks.size() + " checks passed."
                : failed + " of " + checks.size() + " checks failed.";
        page.append("<header id=\"verdict\" class=\"verdict ").append(verdict.label())
                .append("\">\n<h1>Restore test ").append(verdict == Verdict.PASSED
                        ? "PASSED" : "FAILED").append("</h1>\n<p>")
                .append(Html.escape(summary + " Started " + Figures.time(report.started(), zone)
                        + " on " + (report.host().isEmpty() ? "an unknown host" : report.host())
                        + ", took " + Figures.millis(report.duration().toMillis()) + "."))
                .append("</p>\n</header>\n");
    }

    private static void sources(StringBuilder page, RestoreTestReport report) {
        page.append("<section id=\"sources\">\n<h2>Sources</h2>\n<table>\n<thead><tr>"
                + "<th>Source</th><th>Kind</th><th class=\"number\">Data age (RPO)</th>"
                + "<th class=\"number\">Snapshots</th><th class=\"number\">Restore time (RTO)"
                + "</th><th class=\"number\">Throughput</th><th class=\"number\">Files</th>"
                + "<th class=\"number\">Size</th><th class=\"number\">Checks failed</th>"
                + "<th>Verdict</th></tr></thead>\n<tbody>\n");
        if (report.sources().isEmpty()) {
            page.append("<tr><td colspan=\"10\" class=\"muted\">No source was tested.</td>"
                    + "</tr>\n");
        }
        for (SourceReport source : report.sources()) {
            sourceRow(page, source);
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void sourceRow(StringBuilder page, SourceReport source) {
        long files = source.snapshots().stream().mapToLong(SnapshotTest::files).sum();
        long bytes = source.snapshots().stream().mapToLong(SnapshotTest::bytes).sum();
        long restore = source.restoreMillis();
        long rate = restore > 0 ? bytes * 1000 / restore : 0;
        List<Check> checks = source.allChecks();
        long failed = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
        page.append("<tr class=\"source\" data-source=\"").append(Html.escape(source.name()))
                .append("\">").append(cell(source.name()))
                .append(cell(source.kind().label()))
                .append(number(Figures.seconds(source.dataAgeSeconds())))
                .append(number(Integer.toString(source.snapshots().size())))
                .append(number(Figures.millis(restore)))
                .append(number(Figures.rate(rate)))
                .append(number(Long.toString(files)))
                .append(number(Figures.bytes(bytes)))
                .append(number(failed + " of " + checks.size()))
                .append(status(source.verdict().label())).append("</tr>\n");
    }

    private static void failures(StringBuilder page, List<Failure> failures) {
        page.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
        if (failures.isEmpty()) {
            page.append("<p class=\"muted\">No check failed.</p>\n");
        }
        for (Failure failure : failures) {
            Check check = failure.check();
            page.append("<div class=\"failure\">\n<h3>")
                    .append(Html.escape(failure.place() + ": " + check.name())).append("</h3>\n")
                    .append("<p class=\"reason\">").append(Html.escape(check.reason()))
                    .append("</p>\n");
            if (!check.nextStep().isEmpty()) {
                page.append("<p class=\"next-step\">What to do next: ")
                        .append(Html.escape(check.nextStep())).append("</p>\n");
            }
            examples(page, check);
            page.append("</div>\n");
        }
        page.append("</section>\n");
    }

    private static void examples(StringBuilder page, Check check) {
        if (check.examples().isEmpty()) {
            return;
        }
        page.append("<ul class=\"examples\">\n");
        for (String example : check.examples()) {
            page.append("<li class=\"mono\">").append(Html.escape(example)).append("</li>\n");
        }
        if (check.failed() > check.examples().size()) {
            page.append("<li class=\"muted\">and ")
                    .append(check.failed() - check.examples().size()).append(" more</li>\n");
        }
        page.append("</ul>\n");
    }

    private static void snapshots(StringBuilder page, RestoreTestReport report, ZoneId zone) {
        page.append("<section id=\"snapshots\">\n<h2>Snapshots tested</h2>\n<table>\n<thead>"
                + "<tr><th>Source</th><th>Snapshot</th><th>Taken</th><th>Picked as</th>"
                + "<th class=\"number\">Restore</th><th class=\"number\">Verify</th>"
                + "<th class=\"number\">Throughput</th><th>Checks</th><th>Environment</th>"
                + "</tr></thead>\n<tbody>\n");
        for (SourceReport source : report.sources()) {
            for (SnapshotTest snapshot : source.snapshots()) {
                snapshotRow(page, source, snapshot, zone);
            }
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void snapshotRow(StringBuilder page, SourceReport source,
            SnapshotTest snapshot, ZoneId zone) {
        StringBuilder checks = new StringBuilder();
        for (Check check : snapshot.checks()) {
            checks.append("<span class=\"status ").append(check.status().label()).append("\">")
                    .append(Html.escape(check.name())).append("</span> ");
        }
        page.append("<tr class=\"snapshot\">").append(cell(source.name()))
                .append("<td class=\"mono\">").append(Html.escape(snapshot.shortId()))
                .append("</td>").append(cell(Figures.time(snapshot.snapshotTime(), zone)))
                .append(cell(snapshot.role()))
                .append(number(Figures.millis(snapshot.restoreMillis())))
                .append(number(Figures.millis(snapshot.verifyMillis())))
                .append(number(Figures.rate(snapshot.bytesPerSecond())))
                .append("<td>").append(checks.toString().strip()).append("</td>")
                .append(cell(snapshot.environment())).append("</tr>\n");
    }

    private static void details(StringBuilder page, RestoreTestReport report) {
        page.append("<section id=\"details\">\n<h2>Run</h2>\n<ul>\n")
                .append("<li>").append(Html.escape("Random seed " + report.seed() + ", "
                        + report.olderSnapshots() + " older snapshot(s) per source"))
                .append("</li>\n");
        for (String leftover : report.leftoversRemoved()) {
            page.append("<li>").append(Html.escape("Removed leftover of an earlier run: "
                    + leftover)).append("</li>\n");
        }
        for (Check check : report.checks()) {
            page.append("<li><span class=\"status ").append(check.status().label())
                    .append("\">").append(Html.escape(check.name() + ": "
                            + check.status().label())).append("</span></li>\n");
        }
        page.append("</ul>\n</section>\n");
    }

    private static String cell(String text) {
        return "<td>" + Html.escape(text) + "</td>";
    }

    private static String number(String text) {
        return "<td class=\"number\">" + Html.escape(text) + "</td>";
    }

    private static String status(String label) {
        return "<td class=\"status " + Html.escape(label) + "\">" + Html.escape(label) + "</td>";
    }
}
