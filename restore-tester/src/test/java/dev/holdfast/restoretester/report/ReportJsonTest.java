package dev.holdfast.restoretester.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void write_thenRead_returnsEqualReport() throws IOException {
        RestoreTestReport report = Reports.failed();

        RestoreTestReport read = ReportJson.read(ReportJson.write(report));

        assertThat(read).isEqualTo(report);
    }

    @Test
    void writePretty_thenRead_returnsEqualReport() throws IOException {
        RestoreTestReport report = Reports.passed();

        assertThat(ReportJson.read(ReportJson.writePretty(report))).isEqualTo(report);
    }

    @Test
    void write_usesStableNames() throws IOException {
        JsonNode json = ReportJson.mapper().readTree(ReportJson.write(Reports.failed()));

        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("verdict").asText()).isEqualTo("failed");
        assertThat(json.get("started").asText()).isEqualTo("2025-03-01T04:30:00Z");
        assertThat(json.get("seed").asLong()).isEqualTo(1234567890123L);
        JsonNode source = json.get("sources").get(1);
        assertThat(source.get("kind").asText()).isEqualTo("files");
        assertThat(source.get("data_age_seconds").asLong()).isEqualTo(86_400);
        JsonNode snapshot = source.get("snapshots").get(0);
        assertThat(snapshot.get("restore_millis").asLong()).isEqualTo(1500);
        assertThat(snapshot.get("verdict").asText()).isEqualTo("failed");
        assertThat(snapshot.get("checks").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(snapshot.get("checks").get(0).get("next_step").asText())
                .isEqualTo("check the restore volume");
    }

    @Test
    void read_newerFormat_isRejected() {
        String json = ReportJson.write(Reports.passed()).replace("\"format\":1",
                "\"format\":2");

        assertThatThrownBy(() -> ReportJson.read(json)).isInstanceOf(IOException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    void read_unknownKey_isIgnored() throws IOException {
        String json = ReportJson.write(Reports.passed()).replace("{\"format\":1",
                "{\"format\":1,\"added_later\":[1,2]");

        assertThat(ReportJson.read(json)).isEqualTo(Reports.passed());
    }
}
