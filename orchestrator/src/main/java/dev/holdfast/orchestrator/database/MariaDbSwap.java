package dev.holdfast.orchestrator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB swap. MariaDB cannot rename a database, so the tables move: one RENAME TABLE
 * statement, atomic in MariaDB, moves every table of the damaged database into the kept
 * database and every table of the restored one into the damaged one.
 *
 * <p>What does not move with tables is carried by its CREATE statement: triggers are dropped
 * before the rename (MariaDB rejects moving a table with triggers to another database) and
 * recreated after it; views, routines and events are recreated in their new database and
 * dropped from the old one. Events of the kept database are disabled so that they stop
 * changing it. Those steps are not atomic: when one fails after the rename, the tables are
 * already swapped and the message names the step that failed. When the rename itself fails,
 * the dropped triggers are recreated and nothing else changed.
 */
final class MariaDbSwap {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbSwap.class);
    /** Views that use other views need those first; each pass creates what it can. */
    private static final int VIEW_PASSES = 16;

    private MariaDbSwap() {
    }

    /** How long a step of the swap waits for another session's metadata lock. */
    static final int LOCK_WAIT_SECONDS = 60;

    private static void endSessions(Connection connection, String first, String second)
            throws SQLException {
        List<Long> sessions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT ID FROM "
                + "information_schema.PROCESSLIST WHERE DB IN (?, ?) AND ID <> CONNECTION_ID()")) {
            statement.setString(1, first);
            statement.setString(2, second);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sessions.add(rows.getLong(1));
                }
            }
        }
        for (long id : sessions) {
            try {
                Jdbc.execute(connection, "KILL CONNECTION " + id);
            } catch (SQLException e) {
                // The session ended by itself meanwhile.
            }
        }
    }

    static String swap(ConnectionSettings server, String damaged, String restored, String kept)
            throws DatabaseException {
        MariaDbObjects old;
        MariaDbObjects fresh;
        try (Connection connection = Jdbc.connect(server)) {
            requireState(connection, damaged, restored, kept);
            // An open transaction elsewhere holds metadata locks that RENAME TABLE waits for,
            // by default for a day: end the sessions of both databases, as the PostgreSQL swap
            // does, and bound the wait for any other.
            endSessions(connection, damaged, restored);
            Jdbc.execute(connection, "SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            old = MariaDbObjects.read(connection, damaged);
            fresh = MariaDbObjects.read(connection, restored);
            Jdbc.execute(connection, "CREATE DATABASE " + q(kept) + charset(
                    connection, damaged));
            dropAll(connection, damaged, old.triggers());
            dropAll(connection, restored, fresh.triggers());
            renameTables(connection, damaged, restored, kept, old, fresh);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot swap \"" + restored + "\" in for \"" + damaged + "\" on "
                    + server + "; no table was moved", server, e);
        }
        moveOthers(server, damaged, restored, kept, old, fresh);
        LOG.info("{}: swapped \"{}\" in for \"{}\", which is kept as \"{}\"", server, restored,
                damaged, kept);
        return kept;
    }

    private static void requireState(Connection connection, String damaged, String restored,
            String kept) throws SQLException, DatabaseException {
        for (String name : List.of(damaged, restored)) {
            if (MariaDbRestore.objectCount(connection, name) < 0) {
                throw new DatabaseException("database \"" + name + "\" not found: nothing was "
                        + "swapped");
            }
        }
        if (MariaDbRestore.objectCount(connection, kept) >= 0) {
            throw new DatabaseException("database \"" + kept + "\" already exists: use "
                    + "another suffix");
        }
    }

    private static String charset(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                        + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, database);
            try (var row = statement.executeQuery()) {
                row.next();
                return " CHARACTER SET " + q(row.getString(1)) + " COLLATE "
                        + q(row.getString(2));
            }
        }
    }

    private static void renameTables(Connection connection, String damaged, String restored,
            String kept, MariaDbObjects old, MariaDbObjects fresh) throws SQLException {
        List<String> moves = new ArrayList<>();
        old.tables().forEach(t -> moves.add(q(damaged) + "." + q(t) + " TO " + q(kept) + "."
                + q(t)));
        fresh.tables().forEach(t -> moves.add(q(restored) + "." + q(t) + " TO " + q(damaged)
                + "." + q(t)));
        try {
            if (!moves.isEmpty()) {
                Jdbc.execute(connection, "RENAME TABLE " + String.join(", ", moves));
            }
        } catch (SQLException e) {
            try {
                createAll(connection, damaged, old.triggers());
                createAll(connection, restored, fresh.triggers());
                Jdbc.execute(connection, "DROP DATABASE " + q(kept));
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private static void moveOthers(ConnectionSettings server, String damaged, String restored,
            String kept, MariaDbObjects old, MariaDbObjects fresh) throws DatabaseException {
        String step = "connecting";
        try (Connection connection = Jdbc.connect(server)) {
            step = "recreating triggers";
            createAll(connection, kept, old.triggers());
            createAll(connection, damaged, fresh.triggers());
            step = "moving views";
            dropAll(connection, damaged, old.views());
            dropAll(connection, restored, fresh.views());
            createViews(connection, kept, rewrite(old.views(), damaged, kept));
            createViews(connection, damaged, rewrite(fresh.views(), restored, damaged));
            step = "moving routines and events";
            moveDefinitions(connection, damaged, kept, old);
            moveDefinitions(connection, restored, damaged, fresh);
            for (MariaDbObjects.Definition event : old.events()) {
                Jdbc.execute(connection, "ALTER EVENT " + q(kept) + "."
                        + q(event.name()) + " DISABLE");
            }
            step = "dropping the emptied database \"" + restored + "\"";
            Jdbc.execute(connection, "DROP DATABASE " + q(restored));
        } catch (SQLException | DatabaseException e) {
            throw new DatabaseException("swap of \"" + restored + "\" in for \"" + damaged
                    + "\" moved all tables, then failed while " + step + ": " + Scrubber.scrub(
                    e.getMessage(), server.password()) + "; the damaged data is in \"" + kept
                    + "\": finish that step by hand");
        }
    }

    private static void moveDefinitions(Connection connection, String from, String to,
            MariaDbObjects objects) throws SQLException {
        List<MariaDbObjects.Definition> definitions = new ArrayList<>(objects.routines());
        definitions.addAll(objects.events());
        dropAll(connection, from, definitions);
        createAll(connection, to, definitions);
    }

    /** Replaces the database qualifier that SHOW CREATE VIEW writes before every name. */
    private static List<MariaDbObjects.Definition> rewrite(
            List<MariaDbObjects.Definition> views, String from, String to) {
        // NOTE: a string literal in a view that contains `from`. is rewritten too.
        return views.stream().map(v -> new MariaDbObjects.Definition(v.type(), v.name(),
                v.sql().replace(q(from) + ".", q(to) + "."), v.sqlMode())).toList();
    }

    private static void createViews(Connection connection, String database,
            List<MariaDbObjects.Definition> views) throws SQLException {
        List<MariaDbObjects.Definition> pending = new ArrayList<>(views);
        SQLException last = null;
        for (int pass = 0; pass < VIEW_PASSES && !pending.isEmpty(); pass++) {
            List<MariaDbObjects.Definition> failed = new ArrayList<>();
            for (MariaDbObjects.Definition view : pending) {
                try {
                    createAll(connection, database, List.of(view));
                } catch (SQLException e) {
                    failed.add(view);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                break;
            }
            pending = failed;
        }
        if (!pending.isEmpty() && last != null) {
            throw last;
        }
    }

    private static void createAll(Connection connection, String database,
            List<MariaDbObjects.Definition> definitions) throws SQLException {
        Jdbc.execute(connection, "USE " + q(database));
        for (MariaDbObjects.Definition definition : definitions) {
            if (definition.sqlMode() != null) {
                try (PreparedStatement mode = connection.prepareStatement(
                        "SET SESSION sql_mode = ?")) {
                    mode.setString(1, definition.sqlMode());
                    mode.execute();
                }
            }
            Jdbc.execute(connection, definition.sql());
        }
    }

    private static void dropAll(Connection connection, String database,
            List<MariaDbObjects.Definition> definitions) throws SQLException {
        for (MariaDbObjects.Definition definition : definitions) {
            Jdbc.execute(connection, "DROP " + definition.type() + " IF EXISTS "
                    + q(database) + "." + q(definition.name()));
        }
    }

    private static String q(String name) {
        return MariaDbObjects.quote(name);
    }
}
