package dev.holdfast.orchestrator.api;

import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.restoretester.report.Figures;
import dev.holdfast.restoretester.report.Html;
import java.time.ZoneId;
import java.util.List;

/**
 * The page at {@code /reports}: the newest run's verdict, then one row per run with links to
 * its page and its JSON. Like the report pages it loads nothing from elsewhere.
 */
final class ReportIndex {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;\
            padding:16px 24px;color:#1f2328}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d0d7de}
            .passed{color:#1a7f37;font-weight:600}.failed{color:#cf222e;font-weight:600}
            """;

    private ReportIndex() {
    }

    static String render(List<RestoreTestReports.Row> rows, ZoneId zone) {
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Holdfast restore tests</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Restore tests</h1>\n");
        if (rows.isEmpty()) {
            page.append("<p id=\"latest\">No restore test has run yet.</p>\n");
        } else {
            RestoreTestReports.Row latest = rows.getFirst();
            page.append("<p id=\"latest\">Newest: <a href=\"/reports/").append(latest.id())
                    .append("\" class=\"").append(latest.verdict().label()).append("\">")
                    .append(Html.escape(latest.verdict().label())).append("</a>, ")
                    .append(Html.escape(Figures.time(latest.started(), zone)))
                    .append("</p>\n");
        }
        page.append("<table>\n<thead><tr><th>Report</th><th>Started</th><th>Verdict</th>"
                + "<th>Checks failed</th><th>Restore time</th><th>Sources</th><th>JSON</th>"
                + "</tr></thead>\n<tbody>\n");
        for (RestoreTestReports.Row row : rows) {
            row(page, row, zone);
        }
        return page.append("</tbody>\n</table>\n<p><a href=\"/reports/feed.json\">Feed</a>")
                .append("</p>\n</body>\n</html>\n").toString();
    }

    private static void row(StringBuilder page, RestoreTestReports.Row row, ZoneId zone) {
        String link = "/reports/" + row.id();
        page.append("<tr class=\"run\"><td><a href=\"").append(link).append("\">")
                .append(row.id()).append("</a></td><td>")
                .append(Html.escape(Figures.time(row.started(), zone))).append("</td><td class=\"")
                .append(row.verdict().label()).append("\">").append(row.verdict().label())
                .append("</td><td>").append(row.checksFailed()).append("</td><td>")
                .append(Html.escape(Figures.millis(row.restoreMillis()))).append("</td><td>")
                .append(Html.escape(String.join(", ", row.sources()))).append("</td><td><a href=\"")
                .append(link).append(".json\">json</a></td></tr>\n");
    }
}
