package dev.holdfast.orchestrator.guard;

import java.util.Objects;

/**
 * Thresholds for the tables whose {@code schema.table} name matches a pattern. A null field
 * keeps the source's value.
 *
 * @param pattern a table name such as {@code public.orders}, where {@code *} matches any run
 *     of characters, dots included: {@code audit.*}, {@code *.sessions}
 * @param share replaces {@link Thresholds#share()}, or null
 * @param rows replaces {@link Thresholds#rows()}, or null
 * @param minRows replaces {@link Thresholds#minRows()}, or null
 * @param dropped replaces {@link Thresholds#dropped()}, or null
 * @param truncated replaces {@link Thresholds#truncated()}, or null
 * @param ignore whether the guard leaves the matching tables out altogether
 */
public record TableOverride(String pattern, Double share, Long rows, Long minRows,
        Boolean dropped, Boolean truncated, boolean ignore) {
    public TableOverride {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("empty table pattern: expected schema.table, "
                    + "where * matches any characters, such as public.orders or audit.*");
        }
    }

    /** Returns an override that leaves the tables matching {@code pattern} out. */
    public static TableOverride ignore(String pattern) {
        return new TableOverride(pattern, null, null, null, null, null, true);
    }

    /** Returns whether {@code name}, a {@code schema.table} name, matches the pattern. */
    public boolean matches(String name) {
        return Globs.matches(pattern, name);
    }

    /** Returns whether the pattern names one table, without {@code *}. */
    boolean exact() {
        return pattern.indexOf('*') < 0;
    }

    /** Returns {@code base} with this override's fields in place of its own. */
    Thresholds apply(Thresholds base) {
        return new Thresholds(share != null ? share : base.share(),
                rows != null ? rows : base.rows(),
                minRows != null ? minRows : base.minRows(),
                dropped != null ? dropped : base.dropped(),
                truncated != null ? truncated : base.truncated());
    }
}
