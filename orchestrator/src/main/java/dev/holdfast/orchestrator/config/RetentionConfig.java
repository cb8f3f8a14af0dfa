package dev.holdfast.orchestrator.config;

import dev.holdfast.repository.retention.RetentionPolicy;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The {@code retention} section of a source.
 *
 * @param policy which snapshots forget keeps
 * @param zone the time zone of the calendar rules, when the file sets one; otherwise the
 *     machine's
 */
public record RetentionConfig(RetentionPolicy policy, Optional<ZoneId> zone) {
}
