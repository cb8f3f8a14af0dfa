package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Round trips of tables.json, database.json and folder names through their formats. */
class DumpFilesProperties {

    @Property
    void tables_roundTrip(@ForAll("statistics") TableStatistics statistics) throws Exception {
        assertThat(TableStatistics.parse(statistics.toJson())).isEqualTo(statistics);
    }

    @Property
    void databaseInfo_roundTrip(@ForAll("names") String name, @ForAll("names") String role,
            @ForAll boolean postgres) throws Exception {
        Optional<String> text = postgres ? Optional.of(name) : Optional.empty();
        DatabaseInfo info = new DatabaseInfo(postgres ? DatabaseKind.POSTGRESQL
                : DatabaseKind.MARIADB, name, "15.20", text, text, text, text, Optional.empty(),
                text.isEmpty() ? Optional.of("utf8mb4") : Optional.empty(), Optional.empty(),
                text, List.of(new DatabaseInfo.Extension(name, "1.6", "public")),
                List.of(role), "pg_dump", "15.20", "dump.custom", postgres
                        ? new DatabaseProperties(List.of(new DatabaseProperties.Setting(
                                Optional.of(role), "work_mem=" + name)), text,
                                Optional.of(List.of(new DatabaseProperties.Grant(
                                        Optional.empty(), "CONNECT", true))))
                        : DatabaseProperties.NONE);

        assertThat(DatabaseInfo.parse(info.toJson())).isEqualTo(info);
    }

    @Property
    void folder_isOnePathElementAndDistinct(@ForAll("names") String a,
            @ForAll("names") String b) {
        String folder = DumpLayout.folder(a);

        assertThat(folder).doesNotContain("/").isNotIn(".", "..", "");
        assertThat(folder).matches("[A-Za-z0-9_.%-]+");
        if (!a.equals(b)) {
            assertThat(DumpLayout.folder(b)).isNotEqualTo(folder);
        }
    }

    /**
     * Names with unpaired surrogates, which the property above draws only now and then: UTF-8
     * encoding turned each into '?', so such names shared a folder.
     */
    @Test
    void folder_unpairedSurrogates_areDistinct() {
        String high = "\uD83C";
        String low = "\uDF89";

        assertThat(DumpLayout.folder(high)).isNotEqualTo(DumpLayout.folder(low));
        assertThat(DumpLayout.folder(high)).isNotEqualTo(DumpLayout.folder("?"));
        assertThat(DumpLayout.folder(high + low)).isEqualTo("%F0%9F%8E%89");
        assertThat(DumpLayout.folder("a?b")).isEqualTo("a%3Fb");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(30)
                .withChars("abcXYZ019_-./%'\"\\ éü🎉");
    }

    @Provide
    Arbitrary<TableStatistics> statistics() {
        Arbitrary<TableCount> table = Combinators.combine(names(), names(),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(true, false),
                Arbitraries.longs().greaterOrEqual(0)).as(TableCount::new);
        return Combinators.combine(Arbitraries.of(DatabaseKind.class), names(),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(true, false),
                table.list().ofMaxSize(5)).as(TableStatistics::new);
    }
}
