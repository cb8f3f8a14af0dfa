package dev.holdfast.repository.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a repair did. Each map keyed by target provider has an entry for every target, in
 * placement order.
 *
 * @param checked expected objects that the repair looked at
 * @param copied per target provider, the objects written to it
 * @param bytesCopied per target provider, the bytes written to it
 * @param skipped per target provider, the objects it already held as a sound copy, which were
 *     not written
 * @param bytesSkipped per target provider, the bytes of the skipped objects
 * @param replaced damaged copies that were deleted and written again from a sound copy
 * @param unrepairable objects that could not be repaired, each with the reason
 * @param bytesUnrepairable the size of the unrepairable objects as the providers list them;
 *     an object that no provider lists counts zero
 * @param unreachable providers that could not be listed, each with the error; a target among
 *     them was not repaired
 * @param interrupted whether the run stopped early because its thread was interrupted, so
 *     that the expected objects after the {@code checked} ones were not looked at
 * @param recorded IDs of the snapshots marked under-replicated for which the repair wrote a
 *     replication record, because every object they reference now meets placement
 */
public record RepairReport(int checked, Map<String, Integer> copied,
        Map<String, Long> bytesCopied, Map<String, Integer> skipped,
        Map<String, Long> bytesSkipped, List<DamagedCopy> replaced,
        Map<String, String> unrepairable, long bytesUnrepairable,
        Map<String, String> unreachable, boolean interrupted, List<String> recorded) {

    public RepairReport {
        copied = Collections.unmodifiableMap(new LinkedHashMap<>(copied));
        bytesCopied = Collections.unmodifiableMap(new LinkedHashMap<>(bytesCopied));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        bytesSkipped = Collections.unmodifiableMap(new LinkedHashMap<>(bytesSkipped));
        replaced = List.copyOf(replaced);
        unrepairable = Collections.unmodifiableMap(new TreeMap<>(unrepairable));
        unreachable = Collections.unmodifiableMap(new LinkedHashMap<>(unreachable));
        recorded = List.copyOf(recorded);
    }

    /** Creates the report of a repair that wrote no replication record. */
    public RepairReport(int checked, Map<String, Integer> copied,
            Map<String, Long> bytesCopied, Map<String, Integer> skipped,
            Map<String, Long> bytesSkipped, List<DamagedCopy> replaced,
            Map<String, String> unrepairable, long bytesUnrepairable,
            Map<String, String> unreachable, boolean interrupted) {
        this(checked, copied, bytesCopied, skipped, bytesSkipped, replaced, unrepairable,
                bytesUnrepairable, unreachable, interrupted, List.of());
    }

    /** Returns this report with the snapshots for which replication records were written. */
    public RepairReport withRecorded(List<String> snapshotIds) {
        return new RepairReport(checked, copied, bytesCopied, skipped, bytesSkipped, replaced,
                unrepairable, bytesUnrepairable, unreachable, interrupted, snapshotIds);
    }

    /** Returns the number of objects written over all providers. */
    public int totalCopied() {
        return copied.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns whether placement holds for every expected object on every reachable target. */
    public boolean complete() {
        return unrepairable.isEmpty() && unreachable.isEmpty() && !interrupted;
    }
}
