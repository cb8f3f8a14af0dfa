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
import java.util.Set;
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

    /** Readable snapshots, oldest first, and the names of those that could not be read. */
    public record Listing(List<SnapshotInfo> snapshots, List<String> damaged) {
    }

    /** Lists readable snapshots, oldest first; an unreadable one is listed in {@link Listing#damaged}. */
    public List<SnapshotInfo> list() throws RepositoryException {
        return listAll().snapshots();
    }

    public Listing listAll() throws RepositoryException {
        List<String> names;
        try {
            names = store.list(ObjectKind.SNAPSHOT);
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "listing snapshots failed: " + e.getMessage(), e);
        }
        List<SnapshotInfo> infos = Collections.synchronizedList(new ArrayList<>());
        List<String> damaged = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                executor.submit(() -> {
                    try {
                        infos.add(info(name, read(name)));
                    } catch (RepositoryException e) {
                        LOG.debug("snapshot {}: unreadable: {}", name, e.getMessage());
                        damaged.add(name);
                    }
                });
            }
        }
        List<SnapshotInfo> sorted = withoutRecordedMarks(infos);
        sorted.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id));
        List<String> damagedSorted = new ArrayList<>(damaged);
        Collections.sort(damagedSorted);
        return new Listing(sorted, damagedSorted);
    }

    /**
     * Returns {@code infos} with the under-replicated mark cleared on every snapshot that a
     * replication record names. Records are listed only when some snapshot has the mark.
     */
    private List<SnapshotInfo> withoutRecordedMarks(List<SnapshotInfo> infos) {
        List<SnapshotInfo> result = new ArrayList<>(infos);
        if (result.stream().noneMatch(SnapshotInfo::underReplicated)) {
            return result;
        }
        Set<String> recorded;
        try {
            recorded = new ReplicationRecords(store, keyring).snapshotIds();
        } catch (StorageException e) {
            LOG.warn("listing replication records failed, showing every under-replicated mark: "
                    + "{}", e.getMessage());
            return result;
        }
        result.replaceAll(s -> s.underReplicated() && recorded.contains(s.id())
                ? new SnapshotInfo(s.id(), s.time(), s.host(), s.paths(), s.tags(), s.parent(),
                        s.files(), s.bytes(), s.partial(), false)
                : s);
        return result;
    }

    public static SnapshotInfo info(String id, Snapshot s) {
        return new SnapshotInfo(id, Instant.parse(s.time()), s.host(), s.paths(), s.tags(), s.parent(),
                s.files(), s.bytes(), s.partial(), s.underReplicated());
    }

    /**
     * Finds a snapshot by full ID, unique prefix or "latest". A damaged snapshot is never skipped
     * silently: "latest" fails while any snapshot is unreadable, because the newest one may be
     * among them, and a prefix that names a damaged snapshot fails with that damage.
     */
    public SnapshotInfo find(String idOrPrefix) throws RepositoryException {
        return find(idOrPrefix, listAll());
    }

    /** Finds a snapshot as {@link #find(String)} does, in a listing already read. */
    public static SnapshotInfo find(String idOrPrefix, Listing listing) throws RepositoryException {
        List<SnapshotInfo> all = listing.snapshots();
        if ("latest".equals(idOrPrefix)) {
            if (!listing.damaged().isEmpty()) {
                throw damaged(listing.damaged(), all.isEmpty() ? "" : "; the newest readable one is "
                        + all.getLast().shortId() + ", name it to use it");
            }
            if (all.isEmpty()) {
                throw new RepositoryException(Reason.NOT_FOUND, "the repository has no snapshots yet; "
                        + "run `holdfast backup` first");
            }
            return all.getLast();
        }
        List<String> damagedMatches = listing.damaged().stream().filter(n -> n.startsWith(idOrPrefix)).toList();
        List<SnapshotInfo> matches = all.stream().filter(s -> s.id().startsWith(idOrPrefix)).toList();
        if (!idOrPrefix.isEmpty() && matches.isEmpty() && !damagedMatches.isEmpty()) {
            throw damaged(damagedMatches, "");
        }
        if (matches.isEmpty() || idOrPrefix.isEmpty()) {
            throw new RepositoryException(Reason.NOT_FOUND, "no snapshot matches \"" + idOrPrefix
                    + "\"; list them with `holdfast snapshots`");
        }
        if (matches.size() + damagedMatches.size() > 1) {
            throw new RepositoryException(Reason.GENERAL, "snapshot prefix \"" + idOrPrefix + "\" matches "
                    + (matches.size() + damagedMatches.size()) + " snapshots; give more characters");
        }
        return matches.getFirst();
    }

    private static RepositoryException damaged(List<String> names, String hint) {
        List<String> keys = names.stream().map(ObjectKind.SNAPSHOT::key).toList();
        return new RepositoryException(Reason.DAMAGED_DATA, "snapshot " + String.join(", ", keys)
                + (keys.size() == 1 ? " is" : " are") + " damaged or unreadable" + hint
                + "; run `holdfast check` for details");
    }
}
