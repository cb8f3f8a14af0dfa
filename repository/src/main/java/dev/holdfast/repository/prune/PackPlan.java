package dev.holdfast.repository.prune;

import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.PackedBlob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What phase 1 decides for each pack. Each live blob gets one <em>owner</em> pack, the one that
 * will keep it; a blob stored twice is owned by the pack that wastes least, so that a pack
 * whose live blobs all have owners elsewhere is deleted rather than repacked.
 */
final class PackPlan {
    enum Fate { KEEP, REPACK, DELETE, LOCKED }

    /**
     * The decision for one pack.
     *
     * @param owned the live blobs this pack keeps, which a repack copies
     * @param lockedUntil for {@link Fate#LOCKED}, when object lock allows its deletion
     */
    record Decision(String pack, Fate fate, long size, List<PackedBlob> owned,
            Instant lockedUntil) {
    }

    final Map<String, Decision> decisions = new LinkedHashMap<>();

    /**
     * Decides every pack that a provider lists. Packs that an index lists but no provider
     * holds are left out: there is nothing to delete, and check reports them.
     */
    static PackPlan make(RepositoryState state, LiveBlobs live, double repackThreshold) {
        PackPlan plan = new PackPlan();
        List<IndexedPack> packs = new ArrayList<>();
        for (IndexedPack pack : state.indexedPacks.values()) {
            if (state.packSizes.containsKey(pack.name())) {
                packs.add(pack);
            }
        }
        Map<String, List<PackedBlob>> owned = owners(state, live, packs);
        for (IndexedPack pack : packs) {
            List<PackedBlob> mine = owned.getOrDefault(pack.name(), List.of());
            Fate fate = fate(pack, mine, repackThreshold);
            plan.add(state, pack.name(), fate, mine);
        }
        for (String pack : state.packSizes.keySet()) {
            if (!state.indexed(pack)) {
                plan.add(state, pack, Fate.DELETE, List.of());
            }
        }
        return plan;
    }

    /** Assigns each live blob to one pack: locked packs first, as they stay anyway. */
    private static Map<String, List<PackedBlob>> owners(RepositoryState state, LiveBlobs live,
            List<IndexedPack> packs) {
        List<IndexedPack> order = new ArrayList<>(packs);
        order.sort(Comparator.comparing((IndexedPack p) -> lockedUntil(state, p.name()) == null)
                .thenComparing(p -> -liveShare(p, live)).thenComparing(IndexedPack::name));
        Set<BlobId> assigned = new HashSet<>();
        Map<String, List<PackedBlob>> owned = new LinkedHashMap<>();
        for (IndexedPack pack : order) {
            for (PackedBlob blob : pack.blobs()) {
                if (live.contains(blob.id()) && assigned.add(blob.id())) {
                    owned.computeIfAbsent(pack.name(), k -> new ArrayList<>()).add(blob);
                }
            }
        }
        return owned;
    }

    private static double liveShare(IndexedPack pack, LiveBlobs live) {
        long all = 0;
        long used = 0;
        for (PackedBlob blob : pack.blobs()) {
            all += blob.sealedLength();
            used += live.contains(blob.id()) ? blob.sealedLength() : 0;
        }
        return all == 0 ? 0 : (double) used / all;
    }

    private static Fate fate(IndexedPack pack, List<PackedBlob> owned, double threshold) {
        if (owned.isEmpty()) {
            return Fate.DELETE;
        }
        long all = pack.blobs().stream().mapToLong(PackedBlob::sealedLength).sum();
        long used = owned.stream().mapToLong(PackedBlob::sealedLength).sum();
        return (double) (all - used) / all > threshold ? Fate.REPACK : Fate.KEEP;
    }

    private void add(RepositoryState state, String pack, Fate fate, List<PackedBlob> owned) {
        Instant until = fate == Fate.KEEP ? null : lockedUntil(state, pack);
        decisions.put(pack, new Decision(pack, until == null ? fate : Fate.LOCKED,
                state.size(pack), owned, until));
    }

    /**
     * Returns when a pack becomes deletable: the pack itself, and every index file that lists
     * it, because the pack stays listed until its index files are replaced and deleted.
     */
    static Instant lockedUntil(RepositoryState state, String pack) {
        Instant until = state.lockedUntil(ObjectKind.PACK.key(pack));
        for (String file : state.filesOfPack.getOrDefault(pack, Set.of())) {
            Instant fileUntil = state.lockedUntil(ObjectKind.INDEX.key(file));
            if (fileUntil != null && (until == null || fileUntil.isAfter(until))) {
                until = fileUntil;
            }
        }
        return until;
    }

    List<Decision> with(Fate fate) {
        return decisions.values().stream().filter(d -> d.fate() == fate).toList();
    }

    /** Returns the stored bytes of the packs that would go: deleted and repacked ones. */
    long bytesToDelete() {
        return decisions.values().stream()
                .filter(d -> d.fate() == Fate.DELETE || d.fate() == Fate.REPACK)
                .mapToLong(Decision::size).sum();
    }

    /** Returns about how many bytes repacking writes: the sealed live blobs it copies. */
    long bytesToCopy() {
        return with(Fate.REPACK).stream().flatMap(d -> d.owned().stream())
                .mapToLong(PackedBlob::sealedLength).sum();
    }
}
