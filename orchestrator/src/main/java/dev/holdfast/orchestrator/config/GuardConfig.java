package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.guard.GuardPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code guard} mapping of a database source: how often the bulk-deletion guard reads the
 * table statistics, what counts as bulk deletion and what the guard does then, and where it
 * sends notifications.
 *
 * @param interval time between two readings
 * @param policy thresholds per table, the window they apply to, and the action
 * @param webhook URL that receives a JSON POST for each incident
 * @param webhookEnv environment variable that holds that URL, when it carries a token
 */
public record GuardConfig(Duration interval, GuardPolicy policy, Optional<String> webhook,
        Optional<String> webhookEnv) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    public GuardConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(webhookEnv, "webhookEnv");
    }
}
