package dev.holdfast.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's tables when they are absent, with the DDL script that the Quartz jar carries
 * for the database product, so that the schema always matches the Quartz version in use.
 */
final class QuartzTables {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTables.class);
    private static final String SCRIPTS = "/org/quartz/impl/jdbcjobstore/";
    /** The table every Quartz schema has; its presence means the schema exists. */
    private static final String PROBE_TABLE = "QRTZ_TRIGGERS";

    /** The Quartz support for one database product. */
    record Dialect(String product, String script, String delegateClass) {
    }

    private QuartzTables() {
    }

    static Dialect dialect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> new Dialect(product, "tables_h2.sql", StdJDBCDelegate.class.getName());
            case "PostgreSQL" -> new Dialect(product, "tables_postgres.sql",
                    PostgreSQLDelegate.class.getName());
            default -> throw new SQLException("database \"" + product + "\" is not supported "
                    + "for the job store: expected H2 or PostgreSQL");
        };
    }

    /**
     * Creates the tables in one transaction unless they exist, and returns whether it did.
     * When another node creates them at the same moment, one of the two transactions fails on
     * a name that already exists, and that node then finds the other's tables and goes on.
     */
    static boolean createIfAbsent(Connection connection, Dialect dialect)
            throws SQLException, IOException {
        if (exists(connection.getMetaData())) {
            return false;
        }
        List<String> statements = statements(readScript(dialect.script()));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (exists(connection.getMetaData())) {
                LOG.info("job store: another node created the Quartz tables on {} meanwhile",
                        dialect.product());
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        LOG.info("job store: created {} Quartz tables on {} from {}", statements.size(),
                dialect.product(), dialect.script());
        return true;
    }

    private static boolean exists(DatabaseMetaData metaData) throws SQLException {
        // PostgreSQL folds unquoted names to lower case and H2 to upper case.
        for (String name : List.of(PROBE_TABLE, PROBE_TABLE.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = metaData.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String readScript(String name) throws IOException {
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(SCRIPTS + name)) {
            if (in == null) {
                throw new IOException("Quartz DDL script " + SCRIPTS + name + " not found in the "
                        + "Quartz jar on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Splits a script into statements. The scripts hold no semicolon inside a statement, only
     * line comments, DROP statements for a reinstall and COMMIT, which the transaction here
     * replaces; DROP and COMMIT are left out.
     */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            String sql = part.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
