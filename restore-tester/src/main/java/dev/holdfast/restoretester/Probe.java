package dev.holdfast.restoretester;

import java.util.Objects;

/**
 * An SQL query that must return a known result on a restored database, such as the count
 * of orders before a fixed date.
 *
 * @param database the restored database to run it in
 * @param sql the query
 * @param expected the rows it must print: one line per row, columns separated by {@code |},
 *     compared after trimming the whole text and each line
 */
public record Probe(String database, String sql, String expected) {
    public Probe {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expected, "expected");
    }
}
