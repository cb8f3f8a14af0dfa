package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One poll of a source's table statistics, or the statistics that a snapshot recorded.
 *
 * @param time when the statistics were read
 * @param tables every table of the source that the guard watches, each once
 */
public record Reading(Instant time, List<TableReading> tables) {
    public Reading {
        Objects.requireNonNull(time, "time");
        tables = List.copyOf(tables);
        Set<String> seen = new HashSet<>();
        for (TableReading table : tables) {
            if (!seen.add(table.schema() + "\0" + table.table())) {
                throw new IllegalArgumentException("table " + table.name() + " appears twice in "
                        + "the reading at " + time + ": expected each table once");
            }
        }
    }
}
