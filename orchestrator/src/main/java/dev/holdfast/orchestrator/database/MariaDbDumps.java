package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dump of one MariaDB database, without {@code --databases} so that it carries no
 * {@code CREATE DATABASE} or {@code USE} and loads into a database of any name.
 *
 * <p>NOTE: mariadb-dump writes a trigger's original text, so a trigger created as {@code
 * CREATE TRIGGER shop.t ... ON shop.orders} names its database, and loading the dump into
 * another database fails on it (or, were the original gone, recreates it there). Routine
 * bodies that name their database keep pointing at it after a restore under another name.
 */
final class MariaDbDumps implements DatabaseDumps.OneDatabase {
    private static final String SCHEMA = """
            SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME
            FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?""";

    private final ConnectionSettings settings;
    private final ClientTools tools;
    private final long exactCountLimitBytes;
    private volatile TableStatistics statistics;

    MariaDbDumps(ConnectionSettings settings, ClientTools tools, long exactCountLimitBytes) {
        this.settings = settings;
        this.tools = tools;
        this.exactCountLimitBytes = exactCountLimitBytes;
    }

    @Override
    public InputStream dump() throws IOException {
        // The counts are taken just before the dump, not in its transaction: mariadb-dump
        // opens its own consistent snapshot, and MariaDB cannot hand a snapshot to another
        // session, so rows written in between make the counts differ from the dump.
        try (Connection connection = Jdbc.connect(settings)) {
            statistics = new TableStatistics(settings.kind(), settings.database(),
                    exactCountLimitBytes, false, TableCounter.counts(connection,
                            settings.kind(), settings.database(), exactCountLimitBytes));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot count the rows of " + settings, settings, e);
        }
        List<String> arguments = new ArrayList<>(connectionArguments(settings));
        arguments.addAll(List.of("--single-transaction", "--routines", "--triggers", "--events",
                "--hex-blob", "--default-character-set=utf8mb4", "--skip-dump-date",
                settings.database()));
        ToolProcess process = ToolProcess.start(tools.dumpToolName() + " of database \""
                + settings.database() + "\"", tools.path(ClientTool.MARIADB_DUMP), arguments,
                settings);
        return new ToolOutputStream(process, () -> { });
    }

    @Override
    public TableStatistics statistics() {
        TableStatistics counted = statistics;
        if (counted == null) {
            throw new IllegalStateException("tables.json of database \"" + settings.database()
                    + "\" was opened before its dump: open the streams in list order");
        }
        return counted;
    }

    @Override
    public DatabaseInfo info() throws IOException {
        try (Connection connection = Jdbc.connect(settings);
                PreparedStatement statement = connection.prepareStatement(SCHEMA)) {
            String version = PostgresDumps.queryText(connection, "SELECT VERSION()");
            statement.setString(1, settings.database());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new DatabaseException("database \"" + settings.database()
                            + "\" not found on " + settings + ": check the source's database");
                }
                return new DatabaseInfo(DatabaseKind.MARIADB, settings.database(), version,
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(row.getString(1)),
                        Optional.of(row.getString(2)), Optional.empty(), List.of(), List.of(),
                        tools.dumpToolName(), tools.dumpToolVersion(), DumpLayout.MARIADB_DUMP,
                        DatabaseProperties.NONE);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the settings of " + settings, settings, e);
        }
    }

    /**
     * Returns the arguments that every MariaDB tool takes to reach the server. TCP is forced
     * because the tools would otherwise use the local socket for {@code localhost} and
     * ignore the port.
     */
    static List<String> connectionArguments(ConnectionSettings settings) {
        return List.of("--host=" + settings.host(), "--port=" + settings.port(),
                "--user=" + settings.user(), "--protocol=TCP");
    }
}
