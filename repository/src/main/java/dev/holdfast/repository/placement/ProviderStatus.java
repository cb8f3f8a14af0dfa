package dev.holdfast.repository.placement;

import java.time.Duration;
import java.util.Optional;

/**
 * What one provider stores compared with what the repository expects of it.
 *
 * @param provider the provider's name
 * @param target whether placement assigns every object to the provider; a provider that is
 *     not a target is read from but expected to hold nothing, so it is never missing objects
 * @param error why the provider could not be listed, or null when it could; the other counts
 *     are zero when it is set
 * @param latency time of one small request (the size of the config object), or null when the
 *     request failed
 * @param objects objects listed, locks left out
 * @param bytes total size of the listed objects
 * @param missing expected objects that the listing lacks
 * @param extra listed objects that the repository does not expect, such as packs that no index
 *     names
 * @param damaged expected objects whose bytes failed their check, or -1 when not read
 */
public record ProviderStatus(String provider, boolean target, String error, Duration latency,
        long objects, long bytes, int missing, int extra, int damaged) {

    public boolean reachable() {
        return error == null;
    }

    public Optional<Duration> latencyIfKnown() {
        return Optional.ofNullable(latency);
    }
}
