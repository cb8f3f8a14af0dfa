package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds readings for tests: tables in the schema {@code public} unless named otherwise. */
final class Readings {
    private final Instant time;
    private final List<TableReading> tables = new ArrayList<>();

    private Readings(Instant time) {
        this.time = time;
    }

    static Readings at(Instant time) {
        return new Readings(time);
    }

    /** Adds a table with counted rows and known counters. */
    Readings exact(String name, long rows, long deleted, long inserted) {
        return table(name, rows, true, deleted, inserted);
    }

    /** Adds a table with estimated rows and known counters. */
    Readings estimate(String name, long rows, long deleted, long inserted) {
        return table(name, rows, false, deleted, inserted);
    }

    /** Adds a table; {@code name} is {@code schema.table} or a table of {@code public}. */
    Readings table(String name, long rows, boolean exact, long deleted, long inserted) {
        int dot = name.indexOf('.');
        String schema = dot < 0 ? "public" : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        tables.add(new TableReading(schema, table, rows, exact, deleted, inserted));
        return this;
    }

    Reading reading() {
        return new Reading(time, tables);
    }
}
