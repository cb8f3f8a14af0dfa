package dev.holdfast.repository.snapshot;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.snapshot.SnapshotCodec.SnapshotFormatException;
import dev.holdfast.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists, finds, reads and writes snapshot objects. */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final ObjectStore store;
    private final Keyring keyring;

    public SnapshotStore(ObjectStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    /** Seals and stores a snapshot, returning its ID. */
    public String write(Snapshot snapshot) throws StorageException {
        return store.put(ObjectKind.SNAPSHOT, SnapshotCodec.seal(keyring, snapshot));
    }

    public Snapshot read(String id) throws RepositoryException {
        try {
            return SnapshotCodec.open(keyring, store.get(ObjectKind.SNAPSHOT, id));
        } catch (StorageException e) {
            throw new RepositoryException(e.kind() == StorageException.Kind.NOT_FOUND ? Reason.NOT_FOUND
                    : Reason.GENERAL, "reading snapshot " + id + " failed: " + e.getMessage(), e);
        } catch (DamagedObjectException | SnapshotFormatException e) {
            throw new RepositoryException(Reason.DAMAGED_DATA, "snapshot " + ObjectKind.SNAPSHOT.key(id)
                    + " is damaged: " + e.getMessage(), e);
        }
    }

    public BlobId rootTree(String id) throws RepositoryException {
        return BlobId.of(read(id).tree());
    }

    /** Lists readable snapshots, oldest first; an unreadable one is logged and left out. */
    public List<SnapshotInfo> list() throws RepositoryException {
        List<String> names;
        try {
            names = store.list(ObjectKind.SNAPSHOT);
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "listing snapshots failed: " + e.getMessage(), e);
        }
        List<SnapshotInfo> infos = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                executor.submit(() -> {
                    try {
                        infos.add(info(name, read(name)));
                    } catch (RepositoryException e) {
                        LOG.warn("snapshot {}: left out of the list: {}", name, e.getMessage());
                    }
                });
            }
        }
        List<SnapshotInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id));
        return sorted;
    }

    public static SnapshotInfo info(String id, Snapshot s) {
        return new SnapshotInfo(id, Instant.parse(s.time()), s.host(), s.paths(), s.tags(), s.parent(),
                s.files(), s.bytes(), s.partial());
    }

    /** Finds a snapshot by full ID, unique prefix or "latest". */
    public SnapshotInfo find(String idOrPrefix) throws RepositoryException {
        List<SnapshotInfo> all = list();
        if ("latest".equals(idOrPrefix)) {
            if (all.isEmpty()) {
                throw new RepositoryException(Reason.NOT_FOUND, "the repository has no snapshots yet; "
                        + "run `holdfast backup` first");
            }
            return all.getLast();
        }
        List<SnapshotInfo> matches = all.stream().filter(s -> s.id().startsWith(idOrPrefix)).toList();
        if (matches.isEmpty() || idOrPrefix.isEmpty()) {
            throw new RepositoryException(Reason.NOT_FOUND, "no snapshot matches \"" + idOrPrefix
                    + "\"; list them with `holdfast snapshots`");
        }
        if (matches.size() > 1) {
            throw new RepositoryException(Reason.GENERAL, "snapshot prefix \"" + idOrPrefix + "\" matches "
                    + matches.size() + " snapshots; give more characters");
        }
        return matches.getFirst();
    }
}
