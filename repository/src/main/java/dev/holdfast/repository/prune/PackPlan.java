package dev.holdfast.repository.prune;

import dev.holdfast.repository.index.BlobIdSet;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.PackedBlob;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
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
     * @param owned for a pack to repack, the live blobs it keeps, which the repack copies;
     *     empty for other fates
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
        Map<String, Decision> decided = new HashMap<>();
        BlobIdSet assigned = new BlobIdSet();
        for (IndexedPack pack : ownerOrder(state, live, packs)) {
            decided.put(pack.name(), plan.decide(state, pack, live, assigned, repackThreshold));
        }
        for (IndexedPack pack : packs) {
            plan.decisions.put(pack.name(), decided.get(pack.name()));
        }
        for (String pack : state.packSizes.keySet()) {
            if (!state.indexed(pack)) {
                plan.add(state, pack, Fate.DELETE, List.of());
            }
        }
        return plan;
    }

    /**
     * Returns the order in which packs take ownership of live blobs: locked packs first, as
     * they stay anyway, then those with the most live data.
     */
    private static List<IndexedPack> ownerOrder(RepositoryState state, LiveBlobs live,
            List<IndexedPack> packs) {
        Map<String, Double> shares = new HashMap<>();
        packs.forEach(p -> shares.put(p.name(), liveShare(p, live)));
        List<IndexedPack> order = new ArrayList<>(packs);
        order.sort(Comparator.comparing((IndexedPack p) -> lockedUntil(state, p.name()) == null)
                .thenComparing(p -> -shares.get(p.name())).thenComparing(IndexedPack::name));
        return order;
    }

    /**
     * Gives {@code pack} the live blobs not {@code assigned} yet and decides its fate. Only a
     * repacked pack keeps the list of its blobs: a list for every kept pack would hold an object
     * per live blob until prune ends.
     */
    private Decision decide(RepositoryState state, IndexedPack pack, LiveBlobs live,
            BlobIdSet assigned, double threshold) {
        List<PackedBlob> blobs = pack.blobs();
        boolean[] mine = new boolean[blobs.size()];
        long all = 0;
        long used = 0;
        int count = 0;
        for (int i = 0; i < mine.length; i++) {
            PackedBlob blob = blobs.get(i);
            all += blob.sealedLength();
            if (live.contains(blob.id()) && assigned.add(blob.id())) {
                mine[i] = true;
                used += blob.sealedLength();
                count++;
            }
        }
        Fate fate = count == 0 ? Fate.DELETE
                : (double) (all - used) / all > threshold ? Fate.REPACK : Fate.KEEP;
        List<PackedBlob> owned = List.of();
        if (fate == Fate.REPACK) {
            int[] positions = new int[count];
            for (int i = 0, next = 0; i < mine.length; i++) {
                if (mine[i]) {
                    positions[next++] = i;
                }
            }
            owned = new Selection(blobs, positions);
        }
        return decision(state, pack.name(), fate, owned);
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

    private void add(RepositoryState state, String pack, Fate fate, List<PackedBlob> owned) {
        decisions.put(pack, decision(state, pack, fate, owned));
    }

    private static Decision decision(RepositoryState state, String pack, Fate fate,
            List<PackedBlob> owned) {
        Instant until = fate == Fate.KEEP ? null : lockedUntil(state, pack);
        return new Decision(pack, until == null ? fate : Fate.LOCKED, state.size(pack),
                owned, until);
    }

    /**
     * Some blobs of a pack's compact list, by position. A repack of a large repository owns
     * hundreds of thousands of blobs, and keeping them as {@link PackedBlob} objects until
     * prune ends took about 100 bytes each rather than 4.
     */
    private static final class Selection extends AbstractList<PackedBlob>
            implements RandomAccess {
        private final List<PackedBlob> blobs;
        private final int[] positions;

        Selection(List<PackedBlob> blobs, int[] positions) {
            this.blobs = blobs;
            this.positions = positions;
        }

        @Override
        public PackedBlob get(int index) {
            return blobs.get(positions[index]);
        }

        @Override
        public int size() {
            return positions.length;
        }
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
