package dev.holdfast.restoretester.verify;

import dev.holdfast.restoretester.DatabaseTarget;
import dev.holdfast.restoretester.Probe;
import dev.holdfast.restoretester.SourceKind;
import dev.holdfast.restoretester.TableRows;
import dev.holdfast.restoretester.report.Check;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Verifies restored databases: each table whose row count the snapshot recorded exactly must
 * hold that many rows, and each probe must print its expected rows. Estimated counts are not
 * compared, because the server's statistics drift from the real count.
 */
public final class DatabaseVerifier {
    private DatabaseVerifier() {
    }

    /** Returns the row count check and the probe check, in that order. */
    public static List<Check> verify(DatabaseTarget target, List<TableRows> expected,
            List<Probe> probes) {
        return List.of(rowCounts(target, expected), probes(target, probes));
    }

    static Check rowCounts(DatabaseTarget target, List<TableRows> expected) {
        Tally tally = new Tally("table row counts", "tables");
        List<TableRows> exact = expected.stream().filter(TableRows::exact).toList();
        for (TableRows table : exact) {
            String where = table.database() + ": " + table.qualifiedName();
            try {
                long actual = count(target, table);
                if (actual == table.rows()) {
                    tally.passed();
                } else {
                    tally.failed(where + ": recorded " + table.rows() + " rows, restored "
                            + actual);
                }
            } catch (IOException | NumberFormatException e) {
                tally.failed(where + ": cannot count the rows: " + e.getMessage());
            }
        }
        if (exact.isEmpty() && !expected.isEmpty()) {
            return Check.skipped("table row counts", "the snapshot recorded estimates only, "
                    + "for " + expected.size() + " tables, and estimates are not compared");
        }
        return tally.check("differ from the row count recorded at backup time",
                Advice.rowCounts());
    }

    private static long count(DatabaseTarget target, TableRows table) throws IOException {
        String name = target.kind() == SourceKind.POSTGRESQL
                ? quote(table.schema(), '"') + "." + quote(table.table(), '"')
                : quote(table.schema(), '`') + "." + quote(table.table(), '`');
        List<String> rows = target.query(table.database(), "SELECT count(*) FROM " + name
                + ";\n");
        if (rows.isEmpty()) {
            throw new IOException("the count query printed nothing");
        }
        return Long.parseLong(rows.getLast().strip());
    }

    /** Quotes an identifier, doubling the quote character inside it. */
    static String quote(String identifier, char quote) {
        String doubled = String.valueOf(quote) + quote;
        return quote + identifier.replace(String.valueOf(quote), doubled) + quote;
    }

    static Check probes(DatabaseTarget target, List<Probe> probes) {
        Tally tally = new Tally("probes", "probes");
        for (Probe probe : probes) {
            String where = probe.database() + ": " + oneLine(probe.sql());
            try {
                String actual = normalize(String.join("\n",
                        target.query(probe.database(), probe.sql() + "\n")));
                String expected = normalize(probe.expected());
                if (actual.equals(expected)) {
                    tally.passed();
                } else {
                    tally.failed(where + ": expected '" + expected + "', got '" + actual + "'");
                }
            } catch (IOException e) {
                tally.failed(where + ": the query failed: " + e.getMessage());
            }
        }
        return tally.check("returned other rows than expected", Advice.probes());
    }

    /** Trims the text and each of its lines, so that padding does not fail a probe. */
    static String normalize(String rows) {
        return rows.strip().lines().map(String::strip).collect(Collectors.joining("\n"));
    }

    private static String oneLine(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
