package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dump of one PostgreSQL database. The table counts and pg_dump share one snapshot: a
 * REPEATABLE READ transaction exports its snapshot, counts in it, and stays open until
 * pg_dump, started with {@code --snapshot}, has ended.
 */
final class PostgresDumps implements DatabaseDumps.OneDatabase {
    /**
     * Roles that own objects of the current database or hold privileges on them, as
     * pg_shdepend records them, plus the database owner and the bootstrap superuser (oid 10),
     * whose ownership pg_shdepend does not record.
     */
    private static final String ROLES = """
            SELECT rolname FROM pg_roles WHERE oid IN (
              SELECT refobjid FROM pg_shdepend
              WHERE refclassid = 'pg_authid'::regclass
                AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              UNION SELECT datdba FROM pg_database WHERE datname = current_database()
              UNION SELECT 10)
            ORDER BY 1""";
    private static final String SETTINGS = """
            SELECT r.rolname, c.setting
            FROM pg_db_role_setting s
            LEFT JOIN pg_roles r ON r.oid = s.setrole
            CROSS JOIN LATERAL unnest(s.setconfig) WITH ORDINALITY AS c(setting, n)
            WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY r.rolname NULLS FIRST, c.n""";
    private static final String COMMENT_AND_ACL = """
            SELECT shobj_description(oid, 'pg_database'), datacl IS NULL
            FROM pg_database WHERE datname = current_database()""";
    /** Grantee 0 is PUBLIC. */
    private static final String GRANTS = """
            SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END,
                   a.privilege_type, a.is_grantable
            FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a
            WHERE d.datname = current_database()
            ORDER BY 1 NULLS FIRST, 2""";
    private static final String EXTENSIONS = """
            SELECT e.extname, e.extversion, n.nspname
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            ORDER BY 1""";

    private final ConnectionSettings settings;
    private final ClientTools tools;
    private final long exactCountLimitBytes;
    private volatile TableStatistics statistics;

    PostgresDumps(ConnectionSettings settings, ClientTools tools, long exactCountLimitBytes) {
        this.settings = settings;
        this.tools = tools;
        this.exactCountLimitBytes = exactCountLimitBytes;
    }

    /** Returns the stream of {@code pg_dumpall --globals-only}: roles and tablespaces. */
    static DumpStream globals(ConnectionSettings settings, ClientTools tools) {
        return DatabaseDumps.stream(DumpLayout.GLOBALS, () -> {
            List<String> arguments = new ArrayList<>(connectionArguments(settings));
            arguments.add("--globals-only");
            arguments.add("--dbname=" + conninfo(settings.database()));
            if (!isSuperuser(settings)) {
                // Only a superuser may read password hashes from pg_authid.
                arguments.add("--no-role-passwords");
            }
            ToolProcess process = ToolProcess.start("pg_dumpall --globals-only of " + settings,
                    tools.path(ClientTool.PG_DUMPALL), arguments, settings);
            return new ToolOutputStream(process, () -> { });
        });
    }

    @Override
    public InputStream dump() throws IOException {
        Connection connection = Jdbc.connect(settings);
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            String snapshot = queryText(connection, "SELECT pg_export_snapshot()");
            statistics = new TableStatistics(settings.kind(), settings.database(),
                    exactCountLimitBytes, true, TableCounter.counts(connection,
                            settings.kind(), settings.database(), exactCountLimitBytes));
            List<String> arguments = new ArrayList<>(connectionArguments(settings));
            arguments.addAll(List.of("--format=custom", "--compress=0",
                    "--snapshot=" + snapshot, "--dbname=" + conninfo(settings.database())));
            ToolProcess process = ToolProcess.start("pg_dump of database \""
                    + settings.database() + "\"", tools.path(ClientTool.PG_DUMP), arguments,
                    settings);
            return new ToolOutputStream(process, () -> endTransaction(connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Jdbc.failure("cannot prepare the dump of " + settings, settings, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
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
        try (Connection connection = Jdbc.connect(settings)) {
            int versionNum = Integer.parseInt(queryText(connection,
                    "SELECT current_setting('server_version_num')"));
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(databaseQuery(versionNum))) {
                row.next();
                return new DatabaseInfo(DatabaseKind.POSTGRESQL, settings.database(),
                        row.getString(1), Optional.of(row.getString(2)),
                        Optional.of(row.getString(3)), Optional.of(row.getString(4)),
                        Optional.ofNullable(row.getString(6)).map(PostgresDumps::provider),
                        Optional.ofNullable(row.getString(7)), Optional.empty(),
                        Optional.empty(), Optional.of(row.getString(5)),
                        extensions(connection), texts(connection, ROLES),
                        tools.dumpToolName(), tools.dumpToolVersion(), DumpLayout.POSTGRES_DUMP,
                        properties(connection));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the settings of " + settings, settings, e);
        }
    }

    private static DatabaseProperties properties(Connection connection) throws SQLException {
        List<DatabaseProperties.Setting> settings = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SETTINGS)) {
            while (rows.next()) {
                settings.add(new DatabaseProperties.Setting(
                        Optional.ofNullable(rows.getString(1)), rows.getString(2)));
            }
        }
        Optional<String> comment;
        boolean defaultPrivileges;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(COMMENT_AND_ACL)) {
            row.next();
            comment = Optional.ofNullable(row.getString(1));
            defaultPrivileges = row.getBoolean(2);
        }
        if (defaultPrivileges) {
            return new DatabaseProperties(settings, comment, Optional.empty());
        }
        List<DatabaseProperties.Grant> grants = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(GRANTS)) {
            while (rows.next()) {
                grants.add(new DatabaseProperties.Grant(Optional.ofNullable(rows.getString(1)),
                        rows.getString(2), rows.getBoolean(3)));
            }
        }
        return new DatabaseProperties(settings, comment, Optional.of(grants));
    }

    /** Returns the query for database.json; the locale columns depend on the version. */
    private static String databaseQuery(int versionNum) {
        String provider = versionNum >= 150000 ? "d.datlocprovider::text" : "NULL";
        String icu = versionNum >= 170000 ? "d.datlocale"
                : versionNum >= 150000 ? "d.daticulocale" : "NULL";
        return "SELECT current_setting('server_version'), pg_encoding_to_char(d.encoding), "
                + "d.datcollate, d.datctype, pg_get_userbyid(d.datdba), " + provider + ", "
                + icu + " FROM pg_database d WHERE d.datname = current_database()";
    }

    private static String provider(String code) {
        return switch (code) {
            case "c" -> "libc";
            case "i" -> "icu";
            case "b" -> "builtin";
            default -> code;
        };
    }

    private static List<DatabaseInfo.Extension> extensions(Connection connection)
            throws SQLException {
        List<DatabaseInfo.Extension> extensions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(EXTENSIONS)) {
            while (rows.next()) {
                extensions.add(new DatabaseInfo.Extension(rows.getString(1), rows.getString(2),
                        rows.getString(3)));
            }
        }
        return extensions;
    }

    /** Returns the arguments that every PostgreSQL tool takes to reach the server. */
    static List<String> connectionArguments(ConnectionSettings settings) {
        return List.of("--host=" + settings.host(), "--port=" + settings.port(),
                "--username=" + settings.user(), "--no-password");
    }

    /**
     * Returns a connection string for {@code --dbname} that names {@code database}, because
     * the tools read a plain name that contains {@code =} as a connection string.
     */
    static String conninfo(String database) {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static boolean isSuperuser(ConnectionSettings settings) throws DatabaseException {
        try (Connection connection = Jdbc.connect(settings)) {
            return "on".equals(queryText(connection, "SHOW is_superuser"));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the role of " + settings, settings, e);
        }
    }

    static String queryText(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static List<String> texts(Connection connection, String sql) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }

    private void endTransaction(Connection connection) throws DatabaseException {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw Jdbc.failure("cannot end the snapshot transaction of " + settings, settings,
                    e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The failure that led here is the one to report.
        }
    }
}
