package dev.holdfast.repository.check;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.CheckReport.Problem;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.index.IndexLoader;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.snapshot.Snapshot;
import dev.holdfast.repository.snapshot.SnapshotCodec;
import dev.holdfast.repository.snapshot.SnapshotCodec.SnapshotFormatException;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeCodec;
import dev.holdfast.repository.tree.TreeCodec.TreeFormatException;
import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the structure check and, when asked, the data check. Reports every problem found. */
public final class Checker {
    private final ObjectStore store;
    private final Keyring keyring;
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

    public Checker(ObjectStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    /**
     * Checks the structure and, unless {@code sample} is null, downloads the packs it selects
     * and authenticates every blob in them.
     */
    public CheckReport check(PackSample sample, Progress progress) throws RepositoryException {
        try {
            IndexLoader.Result loaded = IndexLoader.load(store, keyring);
            loaded.failures().forEach(f -> problem(f.object(), f.message()));
            Index index = loaded.index();
            Map<String, Long> packSizes = new HashMap<>();
            for (ObjectInfo info : store.listInfo(ObjectKind.PACK)) {
                packSizes.put(ObjectKind.PACK.nameOf(info.key()), info.size());
            }
            checkPacksExist(index, packSizes);
            BlobLoader blobs = new BlobLoader(store.provider(), keyring, index);
            long[] counts = checkSnapshots(blobs, index);
            long blobsRead = 0;
            long packsRead = 0;
            if (sample != null) {
                List<String> chosen = sample.select(packSizes.keySet());
                packsRead = chosen.size();
                blobsRead = new DataCheck(store, keyring, index, this::problem).run(chosen,
                        progress);
            }
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort((a, b) -> a.object().compareTo(b.object()));
            List<String> unindexed = packSizes.keySet().stream().filter(p -> !index.hasPack(p))
                    .map(ObjectKind.PACK::key).sorted().toList();
            return new CheckReport(counts[0], counts[1], packSizes.size(), index.blobCount(),
                    packsRead, blobsRead, sorted, null, List.of(), unindexed);
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "check failed: " + e.getMessage(), e);
        }
    }

    void problem(String object, String message) {
        problems.add(new Problem(object, message));
    }

    private void checkPacksExist(Index index, Map<String, Long> packSizes) {
        Map<String, Long> needed = new HashMap<>();
        index.forEach(entry -> needed.merge(entry.packName(),
                (long) entry.blob().offset() + entry.blob().sealedLength(), Math::max));
        for (Map.Entry<String, Long> pack : needed.entrySet()) {
            Long size = packSizes.get(pack.getKey());
            String key = ObjectKind.PACK.key(pack.getKey());
            if (size == null) {
                problem(key, "pack is in the index but missing from the provider");
            } else if (size < pack.getValue()) {
                problem(key, "pack is " + size + " bytes but the index places a blob up to byte " + pack.getValue());
            }
        }
    }

    /** Reads every snapshot and walks its trees; returns {snapshots, trees} read. */
    private long[] checkSnapshots(BlobLoader blobs, Index index) throws StorageException {
        Set<BlobId> seenTrees = new HashSet<>();
        long snapshots = 0;
        for (String name : store.list(ObjectKind.SNAPSHOT)) {
            String key = ObjectKind.SNAPSHOT.key(name);
            Snapshot snapshot;
            try {
                snapshot = SnapshotCodec.open(keyring, store.get(ObjectKind.SNAPSHOT, name));
            } catch (DamagedObjectException e) {
                problem(key, "snapshot is damaged: " + e.detail());
                continue;
            } catch (SnapshotFormatException e) {
                problem(key, "snapshot is damaged: " + e.getMessage());
                continue;
            }
            snapshots++;
            walkTrees(blobs, index, BlobId.of(snapshot.tree()), "snapshot " + name.substring(0, 8), seenTrees);
        }
        return new long[] {snapshots, seenTrees.size()};
    }

    private void walkTrees(BlobLoader blobs, Index index, BlobId root, String owner, Set<BlobId> seen) {
        Deque<BlobId> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            BlobId tree = pending.pop();
            if (!seen.add(tree)) {
                continue;
            }
            List<Node> nodes = readTree(blobs, index, tree, owner);
            for (Node node : nodes) {
                if (node.subtree() != null) {
                    pending.push(node.subtree());
                }
                for (ContentPart part : node.content()) {
                    if (!part.isHole() && !index.contains(part.blob())) {
                        problem("blob " + part.blob().hex(), "data blob of a file in " + owner
                                + " is in no index");
                    }
                }
            }
        }
    }

    private List<Node> readTree(BlobLoader blobs, Index index, BlobId tree, String owner) {
        IndexEntry entry = index.lookup(tree);
        if (entry == null) {
            problem("blob " + tree.hex(), "tree of " + owner + " is in no index");
            return List.of();
        }
        try {
            return TreeCodec.decode(blobs.load(tree, BlobType.TREE));
        } catch (BlobReadException e) {
            problem(e.object() == null ? "blob " + tree.hex() : e.object(), e.getMessage());
        } catch (TreeFormatException e) {
            problem(ObjectKind.PACK.key(entry.packName()), "tree " + tree.hex() + " is damaged: " + e.getMessage());
        }
        return List.of();
    }
}
