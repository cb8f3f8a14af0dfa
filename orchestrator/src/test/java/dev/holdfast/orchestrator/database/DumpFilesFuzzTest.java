package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parsers of the description files that a database snapshot holds beside each
 * dump, which a restore reads back from a repository that may have been tampered with: any
 * bytes give a description or a {@link DatabaseException}, and a description that parses
 * survives writing and parsing again unchanged.
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
