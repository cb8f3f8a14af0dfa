package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding client tools and checking their versions, with the tools installed here. */
class ClientToolsTest {
    private static final Path BIN = Path.of("/usr/bin");

    @Test
    void locate_folderWithoutPgDump_fails(@TempDir Path folder) {
        assertThatThrownBy(() -> ClientTools.locate(DatabaseKind.POSTGRESQL,
                Optional.of(folder), 150000, List.of(BIN)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("pg_dump not found in the tools folder \"" + folder + "\"")
                .hasMessageContaining("tools:");
    }

    @Test
    void locate_serverNewerThanTool_namesBothVersions() throws Exception {
        String installed = installedPgDumpVersion();

        assertThatThrownBy(() -> ClientTools.locate(DatabaseKind.POSTGRESQL, Optional.of(BIN),
                990004, List.of()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("pg_dump " + installed + " (\"/usr/bin/pg_dump\") "
                        + "cannot dump a PostgreSQL 99 server: install PostgreSQL 99 client "
                        + "tools or set tools: in the source");
    }

    @Test
    void locate_searchPathTooOld_namesFoldersSearched() {
        assertThatThrownBy(() -> ClientTools.locate(DatabaseKind.POSTGRESQL, Optional.empty(),
                990004, List.of(BIN)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot dump a PostgreSQL 99 server")
                .hasMessageContaining("(searched /usr/bin");
    }

    @Test
    void locate_emptyPath_namesMissingTools(@TempDir Path empty) {
        assertThatThrownBy(() -> ClientTools.locate(DatabaseKind.MARIADB, Optional.empty(), 0,
                List.of(empty)))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("mariadb-dump or mysqldump, mariadb or mysql not found (searched "
                        + empty + "): install the MariaDB client tools or set tools: in the "
                        + "source");
    }

    @Test
    void locate_mysqlNamesOnly_acceptedAsFallback(@TempDir Path folder) throws Exception {
        Files.createSymbolicLink(folder.resolve("mysqldump"), BIN.resolve("mysqldump"));
        Files.createSymbolicLink(folder.resolve("mysql"), BIN.resolve("mysql"));

        ClientTools tools = ClientTools.locate(DatabaseKind.MARIADB, Optional.of(folder), 0,
                List.of());

        assertThat(tools.dumpToolName()).isEqualTo("mysqldump");
        assertThat(tools.path(ClientTool.MARIADB)).isEqualTo(folder.resolve("mysql"));
        assertThat(tools.dumpToolVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void locate_currentServer_findsAllTools() throws Exception {
        ClientTools tools = ClientTools.locate(DatabaseKind.POSTGRESQL, Optional.empty(),
                100000, List.of(BIN));

        for (ClientTool tool : ClientTool.of(DatabaseKind.POSTGRESQL)) {
            assertThat(tools.path(tool)).isExecutable();
        }
        assertThat(tools.dumpToolVersion()).isEqualTo(installedPgDumpVersion());
    }

    @Test
    void majorKeys_compareOldAndNewNumbering() {
        assertThat(ToolVersions.postgresMajorKey("15.20")).isEqualTo(1500);
        assertThat(ToolVersions.postgresMajorKey("9.6.24")).isEqualTo(906);
        assertThat(ToolVersions.serverMajorKey(150020)).isEqualTo(1500);
        assertThat(ToolVersions.serverMajorKey(90624)).isEqualTo(906);
        assertThat(ToolVersions.majorName(906)).isEqualTo("9.6");
        assertThat(ToolVersions.majorName(1600)).isEqualTo("16");
    }

    @Test
    void mariadbVersion_readFromDistribOrVer() {
        assertThat(ToolVersions.mariadbToolVersion("mariadb-dump  Ver 10.19 Distrib "
                + "10.11.19-MariaDB, for debian-linux-gnu (x86_64)")).isEqualTo("10.11.19");
        assertThat(ToolVersions.mariadbToolVersion("mysqldump  Ver 8.0.36 for Linux on x86_64"))
                .isEqualTo("8.0.36");
    }

    private static String installedPgDumpVersion() throws Exception {
        Path pgDump = BIN.resolve("pg_dump");
        return ToolVersions.postgresToolVersion(pgDump, ToolVersions.versionOutput(pgDump));
    }
}
