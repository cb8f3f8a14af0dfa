package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real PostgreSQL cluster made with the installed initdb and pg_ctl. */
class EphemeralPostgresTest {
    @TempDir
    static Path state;
    private static EphemeralPostgres cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
    }

    @AfterAll
    static void closeCluster() throws IOException {
        cluster.close();
    }

    @Test
    void connect_withPassword_succeeds() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"),
                cluster.superuser(), cluster.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT inet_server_addr()::text, current_setting('server_encoding')")) {
            result.next();
            assertThat(result.getString(1)).startsWith("127.0.0.1");
            assertThat(result.getString(2)).isEqualTo("UTF8");
        }
    }

    @Test
    void connect_wrongPassword_isRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.jdbcUrl("postgres"),
                cluster.superuser(), "wrong-" + cluster.password()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void createDatabase_latin1WithCLocale_hasThatEncoding() throws Exception {
        String url = cluster.createDatabase("latin1_db", "LATIN1", "C");

        assertThat(url).isEqualTo(cluster.jdbcUrl("latin1_db"));
        try (Connection connection = DriverManager.getConnection(url, cluster.superuser(),
                cluster.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_encoding_to_char(encoding),"
                        + " datcollate, datctype FROM pg_database WHERE datname = 'latin1_db'")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("LATIN1");
            assertThat(result.getString(2)).isEqualTo("C");
            assertThat(result.getString(3)).isEqualTo("C");
        }
    }

    @Test
    void createDatabase_encodingThatLocaleRejects_namesDatabase() {
        assertThatThrownBy(() -> cluster.createDatabase("bad_db", "LATIN1", "C.UTF-8"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'bad_db'")
                .hasMessageNotContaining(cluster.password());
    }

    @Test
    void createDatabase_nameWithQuote_isRejected() {
        assertThatThrownBy(() -> cluster.createDatabase("x\"; DROP", "UTF8", "C"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessors_describeCluster() {
        assertThat(cluster.host()).isEqualTo("127.0.0.1");
        assertThat(cluster.socketFolder().resolve(".s.PGSQL." + cluster.port())).exists();
        assertThat(cluster.binaries().resolve("pg_dump")).isExecutable();
        assertThat(cluster.binaries().resolve("pg_restore")).isExecutable();
        assertThat(cluster.version()).matches("\\d+(\\.\\d+)*");
        assertThat(cluster.describe()).contains(Integer.toString(cluster.port()))
                .doesNotContain(cluster.password());
        assertThat(cluster.toString()).doesNotContain(cluster.password());
    }

    @Test
    void close_leavesNoFolderProcessOrMarker(@TempDir Path ownState) throws IOException {
        EphemeralPostgres own = EphemeralPostgres.start(
                PostgresOptions.defaults().withStateFolder(ownState));
        ProcessHandle server = Servers.recordedServer(ownState);
        var children = server.descendants().toList();
        assertThat(Processes.isRunning(server)).isTrue();

        own.close();
        own.close();

        assertThat(own.folder()).doesNotExist();
        assertThat(Processes.isRunning(server)).isFalse();
        assertThat(children).noneMatch(Processes::isRunning);
        assertThat(ownState).isEmptyDirectory();
    }

    @Test
    void start_initdbFailure_cleansUp(@TempDir Path ownState) {
        PostgresOptions options = PostgresOptions.defaults().withStateFolder(ownState)
                .withEncoding("LATIN1", "C.UTF-8");

        assertThatThrownBy(() -> EphemeralPostgres.start(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("initdb");
        assertThat(ownState).isEmptyDirectory();
    }
}
