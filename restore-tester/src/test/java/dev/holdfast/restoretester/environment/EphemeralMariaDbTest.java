package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real MariaDB server made with the installed mariadb-install-db and mariadbd. */
class EphemeralMariaDbTest {
    @TempDir
    static Path state;
    private static EphemeralMariaDb server;

    @BeforeAll
    static void startServer() throws IOException {
        server = EphemeralMariaDb.start(MariaDbOptions.defaults().withStateFolder(state));
    }

    @AfterAll
    static void closeServer() throws IOException {
        server.close();
    }

    @Test
    void connect_withPassword_succeeds() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""),
                server.superuser(), server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT @@port, @@character_set_server, CURRENT_USER()")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(server.port());
            assertThat(result.getString(2)).isEqualTo("utf8mb4");
            assertThat(result.getString(3)).isEqualTo("root@127.0.0.1");
        }
    }

    @Test
    void connect_wrongPassword_isRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""),
                server.superuser(), "wrong-" + server.password()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void connect_withoutPassword_isRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""),
                server.superuser(), "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void createDatabase_latin1_hasThatCharacterSet() throws Exception {
        String url = server.createDatabase("latin1_db", "latin1", "latin1_swedish_ci");

        assertThat(url).isEqualTo(server.jdbcUrl("latin1_db"));
        try (Connection connection = DriverManager.getConnection(url, server.superuser(),
                server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DEFAULT_CHARACTER_SET_NAME,"
                        + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME = 'latin1_db'")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("latin1");
            assertThat(result.getString(2)).isEqualTo("latin1_swedish_ci");
        }
    }

    @Test
    void createDatabase_wrongCollation_isRejected() {
        assertThatThrownBy(() -> server.createDatabase("bad_db", "latin1", "utf8mb4_bin"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'bad_db'")
                .hasMessageNotContaining(server.password());
    }

    @Test
    void clientOptionsFile_isPrivateAndHoldsPassword() throws IOException {
        Path file = server.clientOptionsFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("password=" + server.password());
    }

    @Test
    void accessors_describeServer() {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.socket()).exists();
        assertThat(server.binaries().resolve("mariadb-dump")).isExecutable();
        assertThat(server.version()).startsWith("10.");
        assertThat(server.describe()).contains(Integer.toString(server.port()))
                .doesNotContain(server.password());
        assertThat(server.toString()).doesNotContain(server.password());
    }

    @Test
    void close_leavesNoFolderProcessOrMarker(@TempDir Path ownState) throws IOException {
        EphemeralMariaDb own = EphemeralMariaDb.start(
                MariaDbOptions.defaults().withStateFolder(ownState));
        ProcessHandle process = Servers.recordedServer(ownState);
        assertThat(Processes.isRunning(process)).isTrue();

        own.close();
        own.close();

        assertThat(own.folder()).doesNotExist();
        assertThat(Processes.isRunning(process)).isFalse();
        assertThat(ownState).isEmptyDirectory();
    }

    @Test
    void start_unknownCollation_cleansUp(@TempDir Path ownState) {
        MariaDbOptions options = MariaDbOptions.defaults().withStateFolder(ownState)
                .withCharacterSet("latin1", "no_such_collation");

        assertThatThrownBy(() -> EphemeralMariaDb.start(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Server log")
                .hasMessageContaining("no_such_collation");
        assertThat(ownState).isEmptyDirectory();
    }
}
