package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Rejection of damaged tables.json files, and names in the snapshot. */
class DumpFilesTest {
    private static final String VALID = """
            {"format": 1, "kind": "postgresql", "database": "shop",
             "exact_count_limit_bytes": 67108864, "same_snapshot_as_dump": true,
             "tables": [{"schema": "public", "name": "t", "rows": 3, "exact": true,
                         "total_bytes": 8192}]}""";
    private static final String TABLES = "(?s)\\[\\{.*\\}\\]";

    static List<Arguments> damaged() {
        return List.of(
                Arguments.of("not JSON", "{\"format\": 1,", "is not valid JSON"),
                Arguments.of("array at top", "[]", "does not contain a JSON object"),
                Arguments.of("trailing data", VALID + " {}", "is not valid JSON"),
                Arguments.of("newer format", VALID.replace("\"format\": 1", "\"format\": 2"),
                        "has format 2"),
                Arguments.of("unknown kind", VALID.replace("postgresql", "oracle"),
                        "unknown database kind \"oracle\""),
                Arguments.of("rows as text", VALID.replace("\"rows\": 3", "\"rows\": \"3\""),
                        "no whole-number field \"rows\""),
                Arguments.of("negative rows", VALID.replace("\"rows\": 3", "\"rows\": -3"),
                        "negative count for table \"public.t\""),
                Arguments.of("fractional size", VALID.replace("8192", "81.5"),
                        "no whole-number field \"total_bytes\""),
                Arguments.of("exact missing", VALID.replace("\"exact\": true,", ""),
                        "no true/false field \"exact\""),
                Arguments.of("tables not array", VALID.replaceFirst(TABLES, "{}"),
                        "no array field \"tables\""),
                Arguments.of("table not object", VALID.replaceFirst(TABLES, "[1]"),
                        "element of \"tables\" that is not an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void parse_damaged_rejectedWithReason(String description, String json, String reason) {
        assertThatThrownBy(() -> TableStatistics.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("tables.json ")
                .hasMessageContaining(reason);
    }

    @Test
    void parse_valid_readsTable() throws Exception {
        TableStatistics statistics = TableStatistics.parse(VALID.getBytes(StandardCharsets.UTF_8));

        assertThat(statistics.tables()).containsExactly(
                new TableCount("public", "t", 3, true, 8192));
        assertThat(statistics.exactCountLimitBytes()).isEqualTo(64L << 20);
    }

    @Test
    void folder_encodesUnsafeCharacters() {
        assertThat(DumpLayout.folder("shop")).isEqualTo("shop");
        assertThat(DumpLayout.folder("a/b c")).isEqualTo("a%2Fb%20c");
        assertThat(DumpLayout.folder("..")).isEqualTo("%2E%2E");
        assertThat(DumpLayout.folder("é")).isEqualTo("%C3%A9");
        assertThat(DumpLayout.path("x%y", "tables.json")).isEqualTo("x%25y/tables.json");
    }

    @Test
    void settings_toString_hidesPassword() {
        ConnectionSettings settings = new ConnectionSettings(DatabaseKind.POSTGRESQL, "db.local",
                5432, "app", "shop", "hunter2-secret"::toCharArray, java.util.Optional.empty());

        assertThat(settings.toString()).isEqualTo("postgresql://app@db.local:5432/shop")
                .doesNotContain("hunter2");
    }
}
