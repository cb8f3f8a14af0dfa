package dev.holdfast.orchestrator.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The {@code guard} mapping of a database source: how often the bulk-deletion guard reads the
 * table statistics, what counts as bulk deletion, and what it does then.
 *
 * @param interval time between two readings
 * @param action what a detection does besides recording, freezing and notifying
 * @param share share of a table's rows that may vanish within {@code window}
 * @param rows rows of a table that may vanish within {@code window}
 * @param window how far back readings are compared
 * @param minRows tables with fewer rows are judged only by drop and truncation
 * @param dropped whether a dropped table counts as bulk deletion
 * @param truncated whether an emptied table counts as bulk deletion
 * @param tables per-table thresholds, the first matching pattern winning
 * @param webhook URL that receives a JSON POST for each incident
 * @param webhookEnv environment variable that holds that URL, when it carries a token
 */
public record GuardConfig(Duration interval, Action action, double share, long rows,
        Duration window, long minRows, boolean dropped, boolean truncated,
        List<TableRule> tables, Optional<String> webhook, Optional<String> webhookEnv) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final double DEFAULT_SHARE = 0.5;
    public static final long DEFAULT_ROWS = 100_000;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final long DEFAULT_MIN_ROWS = 1000;

    /** What a detection does besides recording an incident, freezing and notifying. */
    public enum Action {
        /** Only record, freeze retention, take the forensic snapshot and notify. */
        ALERT,
        /** Also restore the newest snapshot from before the deletion in place of the database. */
        ROLLBACK
    }

    /**
     * Thresholds of the tables whose {@code schema.table} name matches {@code pattern}, where
     * {@code *} matches any run of characters. Empty values take the source's.
     */
    public record TableRule(String pattern, OptionalDouble share, OptionalLong rows,
            OptionalLong minRows, boolean ignore) {
        public TableRule {
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Returns whether {@code table}, written {@code schema.table}, matches the pattern. */
        public boolean matches(String table) {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(java.util.regex.Pattern.quote(part));
            }
            return table.matches(regex.toString());
        }
    }

    public GuardConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(window, "window");
        tables = List.copyOf(tables);
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(webhookEnv, "webhookEnv");
    }
}
