package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
}
