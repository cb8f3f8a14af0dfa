package dev.holdfast.orchestrator.guard;

import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A bulk deletion that the {@link Detector} found in a source.
 *
 * @param source the source's name in the configuration
 * @param rule the rule of the most severe table, in the order of {@link Rule}
 * @param tables the damaged tables, by name
 * @param firstSeen the reading that first showed the damage. It precedes {@code detectedAt}
 *     when an estimate needed a second reading to confirm it
 * @param detectedAt the reading that fired the detection
 * @param action what the source's policy requires beyond recording and notifying
 */
public record Detection(String source, Rule rule, List<TableDetection> tables,
        Instant firstSeen, Instant detectedAt, GuardAction action) {
    public Detection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(action, "action");
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a detection in source " + source
                    + " needs at least one table");
        }
    }

    /**
     * Returns the newest time at which every damaged table still held its rows: the earliest
     * {@link TableDetection#beforeTime()}. A snapshot of the source taken at or before it
     * predates the damage; a later one may hold some of it.
     */
    public Instant intactAt() {
        return tables.stream().map(TableDetection::beforeTime).min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /**
     * Describes the damage in one line, such as: 2 tables damaged in source "shop": public.lines
     * dropped (80000 rows before); public.orders share, 10000 to 3000 rows (estimated).
     */
    public String describe() {
        String details = tables.stream().map(Detection::describe)
                .collect(Collectors.joining("; "));
        String count = tables.size() == 1 ? "1 table" : tables.size() + " tables";
        return count + " damaged in source \"" + source + "\": " + details;
    }

    private static String describe(TableDetection table) {
        String before = table.rowsBefore() == TableReading.UNKNOWN ? "an unknown number of"
                : Long.toString(table.rowsBefore());
        String text = table.name() + " " + table.rule().label();
        if (table.rowsAfter() == TableDetection.ABSENT) {
            text += " (" + before + " rows before)";
        } else {
            text += ", " + before + " to " + table.rowsAfter() + " rows";
        }
        return table.estimated() ? text + " (estimated)" : text;
    }

    /** Returns the incident to record for this detection, with {@link #describe()}. */
    public NewIncident toNewIncident() {
        List<Incident.Table> rows = tables.stream().map(t -> new Incident.Table(t.schema(),
                t.table(), t.rule().label(), t.rowsBefore(), t.rowsAfter(), t.beforeTime(),
                t.estimated())).toList();
        return new NewIncident(source, detectedAt, intactAt(), rule.label(),
                action.configName(), rows, describe());
    }
}
