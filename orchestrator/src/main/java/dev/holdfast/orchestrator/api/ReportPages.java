package dev.holdfast.orchestrator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.orchestrator.api.ApiHandler.RequestError;
import dev.holdfast.orchestrator.api.ApiHandler.Response;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.restoretester.report.Figures;
import dev.holdfast.restoretester.report.ReportHtml;
import dev.holdfast.restoretester.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restore test report endpoints: {@code /reports}, a page that lists the runs;
 * {@code /reports/ID}, one report's page; {@code /reports/ID.json}, its JSON; and
 * {@code /reports/feed.json}, the newest runs as a JSON Feed 1.1 for feed readers. Pages are
 * rendered from the stored JSON on each request.
 */
final class ReportPages {
    static final String HTML_TYPE = "text/html; charset=utf-8";
    /** The media type that JSON Feed 1.1 defines. */
    static final String FEED_TYPE = "application/feed+json";
    static final int LISTED = 100;
    private static final Pattern REPORT = Pattern.compile("/reports/(\\d{1,18})(\\.json)?");

    private final ZoneId zone;

    ReportPages(ZoneId zone) {
        this.zone = zone;
    }

    /** Returns whether {@code path} belongs to these endpoints. */
    static boolean matches(String path) {
        return path.equals("/reports") || path.startsWith("/reports/");
    }

    /**
     * Serves {@code path}.
     *
     * @param base the scheme and authority that the client used, for the feed's absolute URLs
     */
    Response respond(String path, String base, Catalog catalog) throws RequestError,
            CatalogException {
        if (path.equals("/reports") || path.equals("/reports/")) {
            List<RestoreTestReports.Row> rows = catalog.restoreTestReports().recent(LISTED);
            return html(ReportIndex.render(rows, zone));
        }
        if (path.equals("/reports/feed.json")) {
            return feed(catalog.restoreTestReports().recent(LISTED), base);
        }
        Matcher matcher = REPORT.matcher(path);
        if (!matcher.matches()) {
            throw new RequestError(404, "no endpoint " + path + ": expected /reports, "
                    + "/reports/ID, /reports/ID.json or /reports/feed.json", null);
        }
        long id = Long.parseLong(matcher.group(1));
        RestoreTestReports.Stored stored = catalog.restoreTestReports().find(id).orElseThrow(
                () -> new RequestError(404, "no restore test report " + id + ": list them "
                        + "at /reports", null));
        if (matcher.group(2) != null) {
            ObjectNode view = ReportJson.mapper().createObjectNode();
            view.put("id", id);
            view.put("snapshot_id", stored.snapshotId());
            view.set("report", ReportJson.mapper().valueToTree(stored.report()));
            return new Response(200, "application/json", bytes(view.toString()), null);
        }
        return html(ReportHtml.render(stored.report(), zone));
    }

    private static Response html(String page) {
        return new Response(200, HTML_TYPE, bytes(page), null);
    }

    private Response feed(List<RestoreTestReports.Row> rows, String base) {
        ObjectNode feed = ReportJson.mapper().createObjectNode();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", "Holdfast restore tests");
        if (base != null) {
            feed.put("home_page_url", base + "/reports");
            feed.put("feed_url", base + "/reports/feed.json");
        }
        ArrayNode items = feed.putArray("items");
        for (RestoreTestReports.Row row : rows) {
            ObjectNode item = items.addObject();
            item.put("id", "holdfast-restore-test-" + row.id());
            if (base != null) {
                item.put("url", base + "/reports/" + row.id());
            }
            item.put("title", "Restore test " + row.verdict().label() + " - "
                    + Figures.time(row.started(), zone));
            item.put("content_text", summary(row));
            item.put("date_published", row.started().toString());
            ObjectNode extension = item.putObject("_holdfast");
            extension.put("report_id", row.id());
            extension.put("verdict", row.verdict().label());
            extension.put("checks_failed", row.checksFailed());
            extension.put("restore_millis", row.restoreMillis());
            extension.putPOJO("sources", row.sources());
        }
        return new Response(200, FEED_TYPE, bytes(feed.toString()), null);
    }

    private static String summary(RestoreTestReports.Row row) {
        return "Restore test of " + String.join(", ", row.sources()) + " on " + row.host()
                + ": " + row.verdict().label() + ", " + row.checksFailed() + " checks failed, "
                + "restore time " + Figures.millis(row.restoreMillis()) + ".";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
