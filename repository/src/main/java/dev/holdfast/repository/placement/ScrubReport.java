package dev.holdfast.repository.placement;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a check of the copies on one provider.
 *
 * @param provider the provider's name
 * @param target whether placement assigns every expected object to the provider
 * @param readData whether the copies were read and checked, or only listed
 * @param objects expected objects checked on the provider: all of them on a target, those it
 *     lists on any other provider
 * @param bytesRead bytes read from the provider; 0 when only listed
 * @param missing keys of expected objects that the provider lacks, in key order
 * @param damaged copies whose bytes failed their check or, when only listed, whose size
 *     differs from that of every other copy, in key order
 * @param unreadable keys whose read failed for another reason, each with the error
 */
public record ScrubReport(String provider, boolean target, boolean readData, int objects,
        long bytesRead, List<String> missing, List<DamagedCopy> damaged,
        Map<String, String> unreadable) {

    public ScrubReport {
        missing = List.copyOf(missing);
        damaged = List.copyOf(damaged);
        unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
    }

    /** Returns whether every checked copy is present and sound. */
    public boolean clean() {
        return missing.isEmpty() && damaged.isEmpty() && unreadable.isEmpty();
    }
}
