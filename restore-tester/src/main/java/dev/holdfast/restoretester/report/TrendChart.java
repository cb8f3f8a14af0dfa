package dev.holdfast.restoretester.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG chart of the restore times of the runs in the 30 days up to a report: one
 * dot per run at its start time and total restore time, green when it passed and red when
 * it failed. It needs no script, font or stylesheet from elsewhere.
 */
final class TrendChart {
    static final Duration WINDOW = Duration.ofDays(30);
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final String PASSED_COLOUR = "#1a7f37";
    private static final String FAILED_COLOUR = "#cf222e";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

    private TrendChart() {
    }

    /** Returns the chart of {@code points} in the 30 days up to {@code end}. */
    static String svg(List<TrendPoint> points, Instant end, ZoneId zone) {
        Instant start = end.minus(WINDOW);
        List<TrendPoint> inWindow = points.stream()
                .filter(p -> !p.started().isBefore(start) && !p.started().isAfter(end))
                .toList();
        long maxMillis = Math.max(1000, inWindow.stream().mapToLong(TrendPoint::restoreMillis)
                .max().orElse(0));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"trend-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape("Restore times of " + inWindow.size()
                        + " restore tests in the last 30 days"))
                .append("\">\n<title>Restore times, last 30 days</title>\n");
        axes(svg, start, end, maxMillis, zone);
        if (inWindow.isEmpty()) {
            svg.append(text(LEFT + plotWidth() / 2.0, TOP + plotHeight() / 2.0, "middle",
                    "No restore tests in the last 30 days"));
        }
        line(svg, inWindow, start, maxMillis);
        for (TrendPoint point : inWindow) {
            dot(svg, point, start, maxMillis, zone);
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, Instant start, Instant end, long maxMillis,
            ZoneId zone) {
        double bottom = TOP + plotHeight();
        for (int step = 0; step <= 2; step++) {
            double y = bottom - plotHeight() * step / 2.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                    + "y2=\"%.1f\" stroke=\"#d0d7de\" stroke-width=\"1\"/>%n", LEFT, y,
                    WIDTH - RIGHT, y));
            svg.append(text(LEFT - 6, y + 4, "end", Figures.millis(maxMillis * step / 2)));
        }
        Instant middle = start.plus(WINDOW.dividedBy(2));
        svg.append(text(LEFT, HEIGHT - 12, "start", DAY.format(start.atZone(zone))));
        svg.append(text(LEFT + plotWidth() / 2.0, HEIGHT - 12, "middle",
                DAY.format(middle.atZone(zone))));
        svg.append(text(WIDTH - RIGHT, HEIGHT - 12, "end", DAY.format(end.atZone(zone))));
    }

    private static void line(StringBuilder svg, List<TrendPoint> inWindow, Instant start,
            long maxMillis) {
        if (inWindow.size() < 2) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\" points=\"");
        for (TrendPoint point : inWindow) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point.started(), start),
                    y(point.restoreMillis(), maxMillis)));
        }
        svg.append("\"/>\n");
    }

    private static void dot(StringBuilder svg, TrendPoint point, Instant start,
            long maxMillis, ZoneId zone) {
        boolean passed = point.verdict() == Verdict.PASSED;
        String label = Figures.time(point.started(), zone) + ": " + point.verdict().label()
                + ", restore time " + Figures.millis(point.restoreMillis());
        svg.append(String.format(Locale.ROOT, "<circle class=\"run %s\" cx=\"%.1f\" "
                + "cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s</title></circle>%n",
                point.verdict().label(), x(point.started(), start),
                y(point.restoreMillis(), maxMillis), passed ? PASSED_COLOUR : FAILED_COLOUR,
                Html.escape(label)));
    }

    private static double x(Instant time, Instant start) {
        double share = Duration.between(start, time).toMillis() / (double) WINDOW.toMillis();
        return LEFT + share * plotWidth();
    }

    private static double y(long millis, long maxMillis) {
        return TOP + plotHeight() - plotHeight() * millis / (double) maxMillis;
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
                + "font-size=\"12\" fill=\"#57606a\">%s</text>%n", x, y, anchor,
                Html.escape(content));
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
