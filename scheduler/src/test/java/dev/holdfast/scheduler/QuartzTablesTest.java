package dev.holdfast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuartzTablesTest {
    @TempDir
    java.nio.file.Path folder;

    @Test
    void createIfAbsent_createsOnceOnH2() throws Exception {
        try (HikariDataSource dataSource = H2Database.open(folder);
                Connection connection = dataSource.getConnection()) {
            QuartzTables.Dialect dialect = QuartzTables.dialect(connection);

            assertThat(QuartzTables.createIfAbsent(connection, dialect)).isTrue();
            assertThat(QuartzTables.createIfAbsent(connection, dialect)).isFalse();
            try (var tables = connection.getMetaData().getTables(null, null, "QRTZ_LOCKS", null)) {
                assertThat(tables.next()).isTrue();
            }
        }
    }

    @Test
    void statements_dropCommentsDropAndCommit() {
        String script = """
                -- a comment; with a semicolon
                DROP TABLE IF EXISTS A;
                CREATE TABLE A (X INT);
                CREATE INDEX I ON A (X);
                COMMIT;
                """;

        List<String> statements = QuartzTables.statements(script);

        assertThat(statements).containsExactly("CREATE TABLE A (X INT)",
                "CREATE INDEX I ON A (X)");
    }
}
