package dev.holdfast.restoretester;

import dev.holdfast.restoretester.report.SnapshotTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Picks the snapshots of a source to test: the newest, and {@code older} distinct ones at
 * random among the rest. The same snapshot list and the same state of {@code random} give the
 * same choice, which is what makes a run repeatable from its recorded seed.
 */
final class SnapshotChoice {
    /** A snapshot picked for a test, with why it was picked. */
    record Picked(SnapshotSummary snapshot, String role) {
    }

    private static final Comparator<SnapshotSummary> NEWEST_FIRST =
            Comparator.comparing(SnapshotSummary::time).reversed()
                    .thenComparing(SnapshotSummary::id);

    private SnapshotChoice() {
    }

    static List<Picked> pick(List<SnapshotSummary> snapshots, int older, Random random) {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        List<SnapshotSummary> sorted = snapshots.stream().sorted(NEWEST_FIRST).toList();
        List<Picked> picked = new ArrayList<>();
        picked.add(new Picked(sorted.getFirst(), SnapshotTest.NEWEST));
        List<SnapshotSummary> rest = new ArrayList<>(sorted.subList(1, sorted.size()));
        int count = Math.min(older, rest.size());
        // A partial Fisher-Yates shuffle: the first count places end up a uniform sample.
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(rest.size() - i);
            SnapshotSummary swap = rest.get(i);
            rest.set(i, rest.get(j));
            rest.set(j, swap);
        }
        rest.subList(0, count).stream().sorted(NEWEST_FIRST)
                .forEach(snapshot -> picked.add(new Picked(snapshot, SnapshotTest.OLDER)));
        return picked;
    }
}
