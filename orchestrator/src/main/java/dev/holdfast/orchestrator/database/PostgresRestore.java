package dev.holdfast.orchestrator.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore of a pg_dump archive with pg_restore. Owners and privileges are kept when every
 * recorded role exists on the target server, and dropped otherwise. pg_restore runs without
 * {@code --exit-on-error}, and its error report is judged afterwards, so that a harmless
 * error does not fail a restore and a real one does.
 *
 * <p>The database's own settings, comment and privileges are applied afterwards from {@link
 * DatabaseProperties}, because pg_dump writes them only with --create, which would restore
 * under the original name.
 */
final class PostgresRestore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRestore.class);
    private static final String NOT_EMPTY = """
            SELECT (SELECT count(*) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                      AND n.nspname NOT LIKE 'pg\\_toast%')
                 + (SELECT count(*) FROM pg_largeobject_metadata)
                 + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')""";

    private final ConnectionSettings server;
    private final ClientTools tools;

    PostgresRestore(ConnectionSettings server, ClientTools tools) {
        this.server = server;
        this.tools = tools;
    }

    RestoreResult restore(DatabaseInfo info, InputStream dump, RestoreOptions options)
            throws IOException {
        String target = options.database();
        List<String> missing;
        try (Connection connection = Jdbc.connect(server)) {
            prepareTarget(connection, options);
            missing = missingRoles(connection, info.roles());
            Jdbc.execute(connection, createStatement(connection, info, target));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot create database \"" + target + "\" on " + server,
                    server, e);
        }
        try {
            List<String> ignored = new ArrayList<>(runRestore(dump, options, missing.isEmpty()));
            ignored.addAll(applyProperties(info, target));
            return new RestoreResult(target, missing.isEmpty(), missing, ignored);
        } catch (IOException | RuntimeException e) {
            dropAfterFailure(target, e);
            throw e;
        }
    }

    /**
     * Applies the database's own settings, comment and privileges to {@code target}. It runs
     * after pg_restore, so that a recorded setting such as default_transaction_read_only
     * cannot get in its way. A statement the server refuses, or one that names a role it
     * lacks, is left out rather than failing a restore whose data is in place. Returns what
     * was left out, one line each, naming settings but never their values, which may be
     * secrets.
     */
    private List<String> applyProperties(DatabaseInfo info, String target) throws IOException {
        DatabaseProperties properties = info.properties();
        List<String> skipped = new ArrayList<>();
        // Connected to the target itself, so that the comment is converted to its encoding.
        try (Connection connection = Jdbc.connect(server.withDatabase(target))) {
            // The literals below double quotes only, which is safe only with this on.
            Jdbc.execute(connection, "SET standard_conforming_strings = on");
            for (DatabaseProperties.Setting setting : properties.settings()) {
                String item = "setting " + setting.name() + setting.role().map(
                        role -> " of role \"" + role + "\"").orElse("");
                if (setting.role().isPresent()
                        && !missingRoles(connection, List.of(setting.role().get())).isEmpty()) {
                    skipped.add(item + " not restored: the role does not exist on " + server);
                    continue;
                }
                apply(connection, setting.statement(target), item, skipped);
            }
            if (properties.comment().isPresent()) {
                apply(connection, "COMMENT ON DATABASE " + Jdbc.quote(DatabaseKind.POSTGRESQL,
                        target) + " IS " + Jdbc.literal(DatabaseKind.POSTGRESQL,
                        properties.comment().get()), "comment", skipped);
            }
            if (properties.grants().isPresent()) {
                grant(connection, info, target, properties.grants().get(), skipped);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot apply the settings of database \"" + target + "\" on "
                    + server, server, e);
        }
        skipped.forEach(line -> LOG.warn("{}: database \"{}\": {}", server, target, line));
        return skipped.stream().map(line -> "database \"" + target + "\": " + line).toList();
    }

    /** Runs {@code sql}, or records {@code item} as left out when the server refuses it. */
    private static void apply(Connection connection, String sql, String item,
            List<String> skipped) {
        try {
            Jdbc.execute(connection, sql);
        } catch (SQLException e) {
            // The server's message can quote a value, which may be a secret.
            skipped.add(item + " not restored: the server refused it (SQLSTATE "
                    + e.getSQLState() + ")");
        }
    }

    /**
     * Replaces the default privileges on {@code target} with {@code grants}. PUBLIC's are
     * revoked first in every case, so that a database closed to PUBLIC never comes back open
     * to it. The owner's are revoked too when the recorded owner owns the copy, because a
     * recorded list that lacks one of them means it was revoked.
     */
    private void grant(Connection connection, DatabaseInfo info, String target,
            List<DatabaseProperties.Grant> grants, List<String> skipped)
            throws SQLException, DatabaseException {
        String database = Jdbc.quote(DatabaseKind.POSTGRESQL, target);
        String owner = PostgresDumps.queryText(connection,
                "SELECT pg_get_userbyid(datdba) FROM pg_database "
                + "WHERE datname = current_database()");
        Jdbc.execute(connection, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        if (info.owner().equals(Optional.of(owner))) {
            Jdbc.execute(connection, "REVOKE ALL ON DATABASE " + database + " FROM "
                    + Jdbc.quote(DatabaseKind.POSTGRESQL, owner));
        }
        for (DatabaseProperties.Grant grant : grants) {
            Optional<String> grantee = grant.grantee();
            String item = "privilege " + grant.privilege() + " for "
                    + grantee.map(role -> "role \"" + role + "\"").orElse("PUBLIC");
            if (grantee.isPresent() && !missingRoles(connection, List.of(grantee.get())).isEmpty()) {
                skipped.add(item + " not restored: the role does not exist on " + server);
                continue;
            }
            apply(connection, grant.statement(target), item, skipped);
        }
    }

    List<String> restoreGlobals(InputStream globalsSql) throws IOException {
        List<String> arguments = new ArrayList<>(PostgresDumps.connectionArguments(server));
        arguments.addAll(List.of("--dbname=" + PostgresDumps.conninfo(server.database()),
                "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=0"));
        PgRestoreErrors errors = new PgRestoreErrors(true);
        ToolProcess psql = ToolProcess.start("psql restoring globals.sql on " + server,
                tools.path(ClientTool.PSQL), arguments, server, errors);
        Feeder.feed(new ByteArrayInputStream(withoutOwnRole(globalsSql)), psql);
        String failure = errors.judge(psql.await(), false);
        if (!failure.isEmpty()) {
            throw psql.failure(failure);
        }
        return errors.harmless();
    }

    /**
     * Returns globals.sql less the lines that create or alter the restoring role, because
     * they would set its password and attributes to the recorded ones and could lock it out
     * of the server. pg_dumpall writes each role statement on one line.
     */
    private byte[] withoutOwnRole(InputStream globalsSql) throws IOException {
        String sql = new String(globalsSql.readAllBytes(), StandardCharsets.UTF_8);
        List<String> prefixes = new ArrayList<>();
        for (String name : List.of(server.user(), Jdbc.quote(DatabaseKind.POSTGRESQL,
                server.user()))) {
            prefixes.add("CREATE ROLE " + name + ";");
            prefixes.add("ALTER ROLE " + name + " ");
        }
        String kept = sql.lines().filter(line -> prefixes.stream().noneMatch(line::startsWith))
                .collect(Collectors.joining("\n", "", "\n"));
        return kept.getBytes(StandardCharsets.UTF_8);
    }

    private void prepareTarget(Connection connection, RestoreOptions options)
            throws SQLException, DatabaseException {
        String target = options.database();
        if (target.equals(server.database())) {
            throw new DatabaseException("cannot restore into \"" + target + "\", the "
                    + "maintenance database of " + server + ": choose another target name");
        }
        if (!exists(connection, target)) {
            return;
        }
        if (!options.replace() && !isEmpty(target)) {
            throw new DatabaseException("database \"" + target + "\" already exists on "
                    + server.host() + ":" + server.port() + " and is not empty: choose a new "
                    + "name, or drop and recreate it (holdfast restore --replace)");
        }
        LOG.info("{}: dropping database \"{}\" before restoring into it", server, target);
        Jdbc.execute(connection, dropStatement(target));
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private boolean isEmpty(String database) throws DatabaseException {
        try (Connection connection = Jdbc.connect(server.withDatabase(database))) {
            return Long.parseLong(PostgresDumps.queryText(connection, NOT_EMPTY)) == 0;
        } catch (SQLException e) {
            throw Jdbc.failure("cannot inspect database \"" + database + "\"", server, e);
        }
    }

    private static List<String> missingRoles(Connection connection, List<String> roles)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String role : roles) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                statement.setString(1, role);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        missing.add(role);
                    }
                }
            }
        }
        return missing;
    }

    private static String createStatement(Connection connection, DatabaseInfo info,
            String target) throws SQLException {
        DatabaseKind kind = DatabaseKind.POSTGRESQL;
        StringBuilder sql = new StringBuilder("CREATE DATABASE ")
                .append(Jdbc.quote(kind, target)).append(" TEMPLATE template0");
        info.encoding().ifPresent(v -> sql.append(" ENCODING ").append(Jdbc.literal(kind, v)));
        info.collate().ifPresent(v -> sql.append(" LC_COLLATE ").append(Jdbc.literal(kind, v)));
        info.ctype().ifPresent(v -> sql.append(" LC_CTYPE ").append(Jdbc.literal(kind, v)));
        int versionNum = Integer.parseInt(PostgresDumps.queryText(connection,
                "SHOW server_version_num"));
        String provider = info.localeProvider().orElse("libc");
        if (versionNum >= 150000 && !provider.equals("libc")) {
            sql.append(" LOCALE_PROVIDER ").append(provider);
            String option = provider.equals("icu") ? " ICU_LOCALE " : " BUILTIN_LOCALE ";
            info.iculocale().ifPresent(v -> sql.append(option).append(Jdbc.literal(kind, v)));
        }
        if (info.owner().isPresent()
                && missingRoles(connection, List.of(info.owner().get())).isEmpty()) {
            sql.append(" OWNER ").append(Jdbc.quote(kind, info.owner().get()));
        }
        return sql.toString();
    }

    private List<String> runRestore(InputStream dump, RestoreOptions options,
            boolean keepOwners) throws IOException {
        List<String> arguments = new ArrayList<>(PostgresDumps.connectionArguments(server));
        arguments.add("--dbname=" + PostgresDumps.conninfo(options.database()));
        if (!keepOwners) {
            arguments.addAll(List.of("--no-owner", "--no-privileges"));
        }
        if (options.jobs() == 1) {
            return runPgRestore(arguments, dump, options.database());
        }
        Path spooled = Feeder.spool(dump);
        try {
            arguments.addAll(List.of("--jobs=" + options.jobs(), spooled.toString()));
            return runPgRestore(arguments, InputStream.nullInputStream(), options.database());
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private List<String> runPgRestore(List<String> arguments, InputStream dump, String target)
            throws IOException {
        PgRestoreErrors errors = new PgRestoreErrors(false);
        ToolProcess restore = ToolProcess.start("pg_restore into database \"" + target + "\"",
                tools.path(ClientTool.PG_RESTORE), arguments, server, errors);
        Feeder.feed(dump, restore);
        String failure = errors.judge(restore.await(), true);
        if (!failure.isEmpty()) {
            throw restore.failure(failure);
        }
        List<String> harmless = errors.harmless();
        if (!harmless.isEmpty()) {
            LOG.warn("{}: pg_restore into \"{}\" ignored {} harmless error(s), first: {}",
                    server, target, harmless.size(), harmless.getFirst());
        }
        return harmless;
    }

    private void dropAfterFailure(String target, Exception failure) {
        try (Connection connection = Jdbc.connect(server)) {
            Jdbc.execute(connection, dropStatement(target));
        } catch (SQLException | DatabaseException e) {
            failure.addSuppressed(new DatabaseException("cannot drop the half-restored "
                    + "database \"" + target + "\": drop it by hand (" + e.getMessage() + ")"));
        }
    }

    /** Drops a database, ending its sessions (the FORCE option exists from PostgreSQL 13). */
    private static String dropStatement(String database) {
        return "DROP DATABASE IF EXISTS " + Jdbc.quote(DatabaseKind.POSTGRESQL, database)
                + " WITH (FORCE)";
    }
}
