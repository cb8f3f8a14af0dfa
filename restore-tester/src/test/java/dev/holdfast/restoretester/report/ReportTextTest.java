package dev.holdfast.restoretester.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTextTest {
    @Test
    void render_failedRun_listsVerdictSourcesAndFailures() {
        List<String> lines = ReportText.render(Reports.failed(), ZoneOffset.UTC);

        assertThat(lines.getFirst()).startsWith("Restore test FAILED: 1 of 6 checks failed "
                + "(started 2025-03-01 04:30:00 Z on host-1, took 42.0 s, seed 1234567890123)");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("docs ")
                .endsWith(" passed"));
        assertThat(lines).contains("Failures:", "    reason: 1 of 3 files differ from the "
                + "recorded SHA-256", "    next step: check the restore volume");
    }

    @Test
    void render_controlCharacters_areNotPrinted() {
        assertThat(ReportText.printable("a\u001b[31mred\nnext")).isEqualTo("a?[31mred next");
    }
}
