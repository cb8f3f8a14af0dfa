package dev.holdfast.repository;

import dev.holdfast.repository.placement.PlacementReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Result of {@code check}: counts of what was examined and every problem found.
 *
 * @param snapshots snapshots read
 * @param trees trees read
 * @param packs packs listed
 * @param blobs blobs in the index
 * @param packsRead packs downloaded (only with read-data, and then all or a sample)
 * @param blobsRead blobs downloaded and authenticated (only with read-data)
 * @param problems each damaged or missing object, named
 * @param placement the outcome of the placement check on a repository with several
 *     providers, or null on a repository with one provider, which has no placement to check
 * @param healedSnapshots IDs of the snapshots marked under-replicated, without a replication
 *     record, whose every object now meets placement
 * @param unindexedPacks keys of packs that no index file lists: left by a backup or prune that
 *     was interrupted, harmless, and deleted by the next prune. Not a problem.
 */
public record CheckReport(long snapshots, long trees, long packs, long blobs, long packsRead,
        long blobsRead, List<Problem> problems, PlacementReport placement,
        List<String> healedSnapshots, List<String> unindexedPacks) {

    public CheckReport {
        problems = List.copyOf(problems);
        healedSnapshots = List.copyOf(healedSnapshots);
        unindexedPacks = List.copyOf(unindexedPacks);
    }

    /** Creates the report of a check without placement. */
    public CheckReport(long snapshots, long trees, long packs, long blobs, long blobsRead,
            List<Problem> problems, List<String> unindexedPacks) {
        this(snapshots, trees, packs, blobs, 0, blobsRead, problems, null, List.of(),
                unindexedPacks);
    }

    /** Creates the report of a check without placement. */
    public CheckReport(long snapshots, long trees, long packs, long blobs, long blobsRead,
            List<Problem> problems) {
        this(snapshots, trees, packs, blobs, 0, blobsRead, problems, null, List.of(), List.of());
    }

    /**
     * One problem.
     *
     * @param object the object's name on the provider, such as {@code data/ab/ab12...}
     * @param message what is wrong
     */
    public record Problem(String object, String message) {
    }

    /** Returns this report with further problems, sorted by object like the others. */
    CheckReport withProblems(List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        all.sort((a, b) -> a.object().compareTo(b.object()));
        return new CheckReport(snapshots, trees, packs, blobs, packsRead, blobsRead, all,
                placement, healedSnapshots, unindexedPacks);
    }

    /** Returns this report with further problems and the outcome of the placement check. */
    CheckReport withPlacement(List<Problem> more, PlacementReport found, List<String> healed) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new CheckReport(snapshots, trees, packs, blobs, packsRead, blobsRead, all, found,
                healed, unindexedPacks);
    }

    public Optional<PlacementReport> placementIfChecked() {
        return Optional.ofNullable(placement);
    }

    /** Returns whether nothing is damaged or missing and placement holds, where checked. */
    public boolean clean() {
        return problems.isEmpty() && (placement == null || placement.holds());
    }
}
