package dev.holdfast.restoretester.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One past restore test, as the trend chart shows it.
 *
 * @param started when the test started
 * @param verdict its outcome
 * @param restoreMillis the sum of its restore times
 */
public record TrendPoint(Instant started, Verdict verdict, long restoreMillis) {
    public TrendPoint {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(verdict, "verdict");
    }
}
