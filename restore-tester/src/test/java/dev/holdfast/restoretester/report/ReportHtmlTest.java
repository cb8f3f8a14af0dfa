package dev.holdfast.restoretester.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    private static final Pattern CIRCLE = Pattern.compile("<circle class=\"run (\\w+)\"");

    @Test
    void render_failedRun_showsFailedVerdictFirst() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(page).startsWith("<!DOCTYPE html>");
        int verdict = page.indexOf("<h1>Restore test FAILED</h1>");
        assertThat(verdict).isPositive().isLessThan(page.indexOf("id=\"sources\""));
        assertThat(page).contains("<header id=\"verdict\" class=\"verdict failed\">")
                .contains("1 of 6 checks failed.");
    }

    @Test
    void render_passedRun_showsPassedVerdict() {
        String page = ReportHtml.render(Reports.passed(), ZoneOffset.UTC);

        assertThat(page).contains("<h1>Restore test PASSED</h1>")
                .contains("All 1 checks passed.").contains("No check failed.")
                .doesNotContain("FAILED");
    }

    @Test
    void render_hostileNames_areEscaped() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(page).doesNotContain("<script").doesNotContain("alert('x')")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                        + "&quot;quoted&quot;");
        assertThat(page).contains("data-source=\"&lt;script&gt;");
    }

    @Test
    void render_controlCharacters_areReplaced() {
        assertThat(Html.escape("a\u0000b\u001bc\td")).isEqualTo("a\uFFFDb\uFFFDc\td");
    }

    @Test
    void render_twoSources_hasRowPerSource() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(count(page, "<tr class=\"source\"")).isEqualTo(2);
        assertThat(page).contains("<tr class=\"source\" data-source=\"docs\"><td>docs</td>");
    }

    @Test
    void render_failure_showsReasonAndNextStep() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(page).contains("<p class=\"reason\">1 of 3 files differ from the recorded "
                + "SHA-256</p>").contains("<p class=\"next-step\">What to do next: check the "
                + "restore volume</p>");
    }

    @Test
    void render_trend_chartsRunsOfLast30Days() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(page).contains("<svg id=\"trend-chart\"").contains("</svg>");
        Matcher circles = CIRCLE.matcher(page);
        StringBuilder verdicts = new StringBuilder();
        while (circles.find()) {
            verdicts.append(circles.group(1)).append(' ');
        }
        assertThat(verdicts.toString().strip()).isEqualTo("passed failed failed");
        assertThat(page).contains("<polyline");
    }

    @Test
    void render_noTrend_saysSoInChart() {
        String page = ReportHtml.render(Reports.passed(), ZoneOffset.UTC);

        assertThat(page).contains("<svg id=\"trend-chart\"")
                .contains("No restore tests in the last 30 days");
    }

    @Test
    void render_loadsNothingFromElsewhere() {
        String page = ReportHtml.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(page).doesNotContain("<link").doesNotContain("<script")
                .doesNotContain("src=").doesNotContain("url(").doesNotContain("@import");
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://").doesNotContain("https://");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
