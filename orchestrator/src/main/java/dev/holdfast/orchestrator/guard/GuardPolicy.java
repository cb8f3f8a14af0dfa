package dev.holdfast.orchestrator.guard;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The guard's settings for one source: the thresholds of its tables, the window they apply to,
 * and the action taken on a detection. The window and the action belong to the source, because
 * a rollback restores the whole database; thresholds can differ per table.
 *
 * @param defaults the thresholds of tables that no override matches
 * @param overrides per-table thresholds. A pattern without {@code *} that equals the table's
 *     name wins; otherwise the first matching pattern in list order applies
 * @param window how far back rows gone are counted
 * @param action what the guard does after recording, freezing and notifying
 */
public record GuardPolicy(Thresholds defaults, List<TableOverride> overrides, Duration window,
        GuardAction action) {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    /** The defaults: {@link Thresholds#DEFAULTS}, no overrides, 10 minutes, alert. */
    public static final GuardPolicy DEFAULT = new GuardPolicy(Thresholds.DEFAULTS, List.of(),
            DEFAULT_WINDOW, GuardAction.ALERT);

    public GuardPolicy {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(action, "action");
        overrides = List.copyOf(overrides);
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("invalid window " + window
                    + ": expected a positive duration, such as 10m");
        }
    }

    /**
     * Returns the thresholds of table {@code schema.table}, or empty when an override marks it
     * ignored.
     */
    public Optional<Thresholds> thresholds(String name) {
        Optional<TableOverride> override = overrides.stream()
                .filter(o -> o.exact() && o.pattern().equals(name)).findFirst()
                .or(() -> overrides.stream().filter(o -> o.matches(name)).findFirst());
        if (override.isEmpty()) {
            return Optional.of(defaults);
        }
        return override.get().ignore() ? Optional.empty()
                : Optional.of(override.get().apply(defaults));
    }
}
