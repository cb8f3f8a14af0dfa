package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parsers of database.json and tables.json, which a restore reads back from a
 * repository that may have been tampered with. Any bytes give a description or a {@link
 * DatabaseException}, and a description that parses is unchanged by writing and parsing it.
 */
class DumpFilesFuzzTest {
    private static final String MAX_DURATION = "8h";

    @FuzzTest(maxDuration = MAX_DURATION)
    void databaseInfo(byte[] json) throws DatabaseException {
        DatabaseInfo info;
        try {
            info = DatabaseInfo.parse(json);
        } catch (DatabaseException expected) {
            assertThat(expected.getMessage()).contains(DumpLayout.DATABASE_INFO);
            return;
        }
        assertThat(DatabaseInfo.parse(info.toJson())).isEqualTo(info);
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void tables(byte[] json) throws DatabaseException {
        TableStatistics statistics;
        try {
            statistics = TableStatistics.parse(json);
        } catch (DatabaseException expected) {
            assertThat(expected.getMessage()).contains(DumpLayout.TABLES);
            return;
        }
        assertThat(TableStatistics.parse(statistics.toJson())).isEqualTo(statistics);
    }
}
