package dev.holdfast.storage.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Object-lock retention that every upload requests: the server keeps each object at least
 * {@code retention} after its upload. The bucket must have object lock enabled.
 *
 * @param mode GOVERNANCE (users with a special permission may still delete) or COMPLIANCE
 *     (no user may delete before the date)
 * @param retention how long from the upload the object is kept, at least one second
 */
public record ObjectLock(Mode mode, Duration retention) {
    /** The S3 retention modes, named as in the {@code x-amz-object-lock-mode} header. */
    public enum Mode {
        GOVERNANCE,
        COMPLIANCE
    }

    public ObjectLock {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(retention, "retention");
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("object lock retention " + retention
                    + " must be at least one second, such as P30D");
        }
    }

    /** Returns the request headers that set the retention of an object uploaded at {@code now}. */
    Map<String, String> headers(Instant now) {
        Instant until = now.plus(retention).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-object-lock-mode", mode.name());
        headers.put("x-amz-object-lock-retain-until-date",
                DateTimeFormatter.ISO_INSTANT.format(until.atOffset(ZoneOffset.UTC)));
        return headers;
    }
}
