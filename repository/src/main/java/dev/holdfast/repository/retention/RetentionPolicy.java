package dev.holdfast.repository.retention;

import java.time.Duration;
import java.util.Set;

/**
 * Which snapshots of one group to keep. A count of zero turns its rule off. A snapshot is
 * kept when any rule selects it and forgotten otherwise.
 *
 * @param keepLast the newest this many snapshots
 * @param keepHourly the newest snapshot of each of the newest this many hours that have one
 * @param keepDaily likewise for days
 * @param keepWeekly likewise for ISO weeks, which start on Monday
 * @param keepMonthly likewise for months
 * @param keepYearly likewise for years
 * @param keepWithin snapshots taken at most this long before the group's newest snapshot, or
 *     null for none
 * @param pinTags snapshots with any of these tags
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly,
        int keepMonthly, int keepYearly, Duration keepWithin, Set<String> pinTags) {

    public RetentionPolicy {
        for (int count : new int[] {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly,
            keepYearly}) {
            if (count < 0) {
                throw new IllegalArgumentException("invalid retention count " + count
                        + ": expected zero or more");
            }
        }
        if (keepWithin != null && keepWithin.isNegative()) {
            throw new IllegalArgumentException("invalid keep-within " + keepWithin
                    + ": expected zero or more");
        }
        pinTags = Set.copyOf(pinTags);
    }

    /** Returns whether some rule other than pinned tags keeps snapshots. */
    public boolean keepsAny() {
        return keepLast + keepHourly + keepDaily + keepWeekly + keepMonthly + keepYearly > 0
                || keepWithin != null;
    }

    /** Returns this policy with other pinned tags. */
    public RetentionPolicy withPinTags(Set<String> tags) {
        return new RetentionPolicy(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly,
                keepYearly, keepWithin, tags);
    }
}
