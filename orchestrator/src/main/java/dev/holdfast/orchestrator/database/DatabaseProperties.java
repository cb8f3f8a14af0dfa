package dev.holdfast.orchestrator.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Properties of a PostgreSQL database kept in the server's shared catalogs rather than in the
 * database: settings made with {@code ALTER DATABASE ... SET} or {@code ALTER ROLE ... IN
 * DATABASE ... SET}, the comment, and the privileges on the database. pg_dump writes them only
 * with {@code --create}, which restores under the original name, so they are recorded in
 * {@code database.json} and applied to the restored database by its new name.
 *
 * @param settings in the order the server lists them
 * @param comment the database's comment, if it has one
 * @param grants the privileges on the database; empty when it has the default ones, which
 *     let everyone connect and create temporary tables
 */
public record DatabaseProperties(List<Setting> settings, Optional<String> comment,
        Optional<List<Grant>> grants) {
    /** The properties of a database whose snapshot recorded none, or of a MariaDB database. */
    public static final DatabaseProperties NONE = new DatabaseProperties(List.of(),
            Optional.empty(), Optional.empty());

    /** The privileges a grant on a database may name, which PostgreSQL spells like this. */
    static final Set<String> PRIVILEGES = Set.of("CONNECT", "CREATE", "TEMPORARY");

    /**
     * Settings whose value is a list of quoted elements, each written as its own literal. The
     * names are those of variable_is_guc_list_quote in pg_dump's dumputils.c.
     */
    private static final Set<String> LIST_SETTINGS = Set.of("local_preload_libraries",
            "search_path", "session_preload_libraries", "shared_preload_libraries",
            "temp_tablespaces", "unix_socket_directories");

    /**
     * A setting of the database, for every role when {@code role} is empty.
     *
     * @param setting as stored in {@code pg_db_role_setting}: the name, "=", and the value
     */
    public record Setting(Optional<String> role, String setting) {
        /** Returns the setting's name, the text before the first "=". */
        String name() {
            int equals = setting.indexOf('=');
            return equals < 0 ? setting : setting.substring(0, equals);
        }

        /** Returns the statement that makes this setting on {@code database}. */
        String statement(String database) throws DatabaseException {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new DatabaseException("a setting of database.json has no name=value "
                        + "form: the snapshot's database.json is damaged");
            }
            StringBuilder sql = new StringBuilder(role.isPresent()
                    ? "ALTER ROLE " + quote(role.get()) + " IN DATABASE " : "ALTER DATABASE ");
            sql.append(quote(database)).append(" SET ");
            String name = setting.substring(0, equals);
            // A dotted name is a custom setting such as myapp.tenant; each part is quoted.
            List<String> parts = new ArrayList<>();
            for (String part : name.split("\\.", -1)) {
                parts.add(quote(part));
            }
            sql.append(String.join(".", parts)).append(" TO ");
            String value = setting.substring(equals + 1);
            List<String> values = LIST_SETTINGS.contains(name.toLowerCase(Locale.ROOT))
                    ? listElements(value)
                    : List.of(value);
            List<String> literals = new ArrayList<>();
            for (String element : values) {
                literals.add(Jdbc.literal(DatabaseKind.POSTGRESQL, element));
            }
            return sql.append(String.join(", ", literals)).toString();
        }
    }

    /**
     * A privilege on the database.
     *
     * @param grantee the role, or empty for PUBLIC
     * @param privilege one of {@link #PRIVILEGES}
     * @param grantable whether the grantee may grant it on
     */
    public record Grant(Optional<String> grantee, String privilege, boolean grantable) {
        /** Returns the GRANT statement on {@code database}. */
        String statement(String database) throws DatabaseException {
            if (!PRIVILEGES.contains(privilege)) {
                throw new DatabaseException("privilege \"" + privilege + "\" of database.json "
                        + "is not one of " + PRIVILEGES + ": the snapshot's database.json is "
                        + "damaged");
            }
            return "GRANT " + privilege + " ON DATABASE " + quote(database) + " TO "
                    + grantee.map(DatabaseProperties::quote).orElse("PUBLIC")
                    + (grantable ? " WITH GRANT OPTION" : "");
        }
    }

    public DatabaseProperties {
        settings = List.copyOf(settings);
        grants = grants.map(List::copyOf);
    }

    private static String quote(String name) {
        return Jdbc.quote(DatabaseKind.POSTGRESQL, name);
    }

    /**
     * Splits a stored list value, such as {@code "$user", public}, into its elements: commas
     * separate them, blanks around them are dropped, and a double-quoted element keeps its
     * text with {@code ""} read as one quote. Follows the server's SplitGUCList.
     */
    static List<String> listElements(String value) throws DatabaseException {
        List<String> elements = new ArrayList<>();
        int i = 0;
        int length = value.length();
        while (true) {
            while (i < length && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            StringBuilder element = new StringBuilder();
            if (i < length && value.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= length) {
                        throw new DatabaseException("a list setting of database.json has "
                                + "an unclosed quote: the snapshot's database.json is damaged");
                    }
                    char c = value.charAt(i++);
                    if (c == '"') {
                        if (i < length && value.charAt(i) == '"') {
                            element.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        element.append(c);
                    }
                }
            } else {
                while (i < length && value.charAt(i) != ',') {
                    element.append(value.charAt(i++));
                }
                int end = element.length();
                while (end > 0 && Character.isWhitespace(element.charAt(end - 1))) {
                    end--;
                }
                element.setLength(end);
            }
            elements.add(element.toString());
            while (i < length && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i >= length) {
                return elements;
            }
            if (value.charAt(i) != ',') {
                throw new DatabaseException("a list setting of database.json has text after "
                        + "a quoted element: the snapshot's database.json is damaged");
            }
            i++;
        }
    }
}
