package dev.holdfast.repository.placement;

/**
 * Recent errors and latency of one provider, which order the providers for reads. Errors count
 * less as they age (half-life {@link #ERROR_HALF_LIFE_NANOS}), so a provider that failed comes
 * back into use once it has stayed quiet for a while. Thread-safe.
 */
final class ProviderHealth {
    private static final long ERROR_HALF_LIFE_NANOS = 60_000_000_000L;
    /** Score of one fresh error in milliseconds of latency: an error outweighs slowness. */
    private static final double ERROR_WEIGHT_MILLIS = 10_000;
    /** Weight of the newest sample in the moving average of latency. */
    private static final double LATENCY_WEIGHT = 0.2;

    private double errors;
    private long errorsAt;
    private double latencyMillis;

    synchronized void success(long nanos) {
        double millis = nanos / 1e6;
        latencyMillis = latencyMillis == 0 ? millis
                : latencyMillis + LATENCY_WEIGHT * (millis - latencyMillis);
    }

    synchronized void failure(long now) {
        errors = decayedErrors(now) + 1;
        errorsAt = now;
    }

    /** Returns the score at {@code now}; lower is healthier. */
    synchronized double score(long now) {
        return decayedErrors(now) * ERROR_WEIGHT_MILLIS + latencyMillis;
    }

    synchronized double latencyMillis() {
        return latencyMillis;
    }

    private double decayedErrors(long now) {
        if (errors == 0) {
            return 0;
        }
        return errors * Math.pow(0.5, (double) (now - errorsAt) / ERROR_HALF_LIFE_NANOS);
    }
}
