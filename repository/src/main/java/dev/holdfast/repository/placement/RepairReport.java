package dev.holdfast.repository.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a repair did.
 *
 * @param checked expected objects that the repair looked at
 * @param copied per target provider (all targets, in placement order), the objects written to it
 * @param bytesCopied per target provider, the bytes written to it
 * @param replaced damaged copies that were deleted and written again from a sound copy
 * @param unrepairable objects that could not be repaired, each with the reason
 * @param unreachable providers that could not be listed, each with the error; a target among
 *     them was not repaired
 * @param recorded IDs of the snapshots marked under-replicated for which the repair wrote a
 *     replication record, because every object they reference now meets placement
 */
public record RepairReport(int checked, Map<String, Integer> copied,
        Map<String, Long> bytesCopied, List<DamagedCopy> replaced,
        Map<String, String> unrepairable, Map<String, String> unreachable,
        List<String> recorded) {

    public RepairReport {
        copied = Collections.unmodifiableMap(new LinkedHashMap<>(copied));
        bytesCopied = Collections.unmodifiableMap(
                new LinkedHashMap<>(bytesCopied));
        replaced = List.copyOf(replaced);
        unrepairable = Collections.unmodifiableMap(
                new TreeMap<>(unrepairable));
        unreachable = Collections.unmodifiableMap(
                new LinkedHashMap<>(unreachable));
        recorded = List.copyOf(recorded);
    }

    /** Creates the report of a repair that wrote no replication record. */
    public RepairReport(int checked, Map<String, Integer> copied,
            Map<String, Long> bytesCopied, List<DamagedCopy> replaced,
            Map<String, String> unrepairable, Map<String, String> unreachable) {
        this(checked, copied, bytesCopied, replaced, unrepairable, unreachable, List.of());
    }

    /** Returns this report with the snapshots for which replication records were written. */
    public RepairReport withRecorded(List<String> snapshotIds) {
        return new RepairReport(checked, copied, bytesCopied, replaced, unrepairable,
                unreachable, snapshotIds);
    }

    /** Returns the number of objects written over all providers. */
    public int totalCopied() {
        return copied.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns whether placement holds for every expected object on every reachable target. */
    public boolean complete() {
        return unrepairable.isEmpty() && unreachable.isEmpty();
    }
}
