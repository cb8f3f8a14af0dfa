package dev.holdfast.repository.index;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads single blobs through the index: a ranged read of the pack, authentication, then a check
 * that the plaintext hashes to the blob's ID. Trees are cached because a walk reads each folder's
 * tree and backups compare against the parent's trees. Thread-safe.
 */
public final class BlobLoader {
    private static final int TREE_CACHE_BYTES = 8 * 1024 * 1024;
    /** Tree blobs up to this sealed size are read through the {@link PackCache}. */
    private static final int SMALL_BLOB = 64 * 1024;
    /**
     * Whole tree packs kept. Only trees go through this cache: a walk reads trees one at a
     * time, and their order within a pack is random. Readers of many small data blobs use
     * {@link #loadAll} instead, because a shared cache of whole packs let data packs push the
     * tree packs out, and a restore then read a tree pack again for nearly every folder.
     */
    private static final int TREE_PACKS = 2;
    /** Blobs up to this sealed size are worth reading together with their neighbours. */
    public static final int BATCHED_BLOB = 512 * 1024;
    /**
     * Unneeded bytes between two blobs that {@link #loadAll} still reads in one request rather
     * than two: on a remote provider a request costs more than this many bytes.
     */
    private static final int RANGE_GAP = 64 * 1024;
    /** Maximum bytes {@link #loadAll} reads in one request, which bounds its buffer. */
    private static final int RANGE_MAX = 8 * 1024 * 1024;

    private final Provider provider;
    private final Keyring keyring;
    private final Index index;
    private final ThreadLocal<ContentIdFunction> contentIds;
    private final PackCache treePacks;
    private final ThreadLocal<Map<String, Opener>> openers = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Opener> eldest) {
                    return size() > 16;
                }
            });
    private final Map<BlobId, byte[]> treeCache = new LinkedHashMap<>(256, 0.75f, true);
    private long treeCacheBytes;

    /**
     * Tree bytes that {@link #withSmallTreeCache} keeps: enough for the trees that a snapshot
     * repeats, such as the one of every empty folder, which would otherwise be read again
     * from a tree pack that has left the pack cache.
     */
    private static final int SMALL_TREE_CACHE_BYTES = 256 * 1024;
    /** Plaintext tree bytes that {@link #treeCache} keeps at most. */
    private final long treeCacheLimit;

    public BlobLoader(Provider provider, Keyring keyring, Index index) {
        this(provider, keyring, index, new PackCache(provider, TREE_PACKS), TREE_CACHE_BYTES);
    }

    private BlobLoader(Provider provider, Keyring keyring, Index index, PackCache treePacks,
            long treeCacheLimit) {
        this.provider = provider;
        this.keyring = keyring;
        this.index = index;
        this.contentIds = ThreadLocal.withInitial(keyring::contentIds);
        this.treePacks = treePacks;
        this.treeCacheLimit = treeCacheLimit;
    }

    /**
     * Returns a loader of the same blobs with a tree cache of 256 KiB rather than 8 MiB, for a
     * walk that reads most trees once, such as a backup's walk of its parent snapshot. Trees
     * kept for a later hit that never came outlived young collections, so they filled the old
     * generation with dead trees and grew the heap of an unchanged backup to its limit. Whole
     * tree packs are still shared, as they serve the neighbouring folders.
     */
    public BlobLoader withSmallTreeCache() {
        return new BlobLoader(provider, keyring, index, treePacks, SMALL_TREE_CACHE_BYTES);
    }

    public Index index() {
        return index;
    }

    /** Returns the plaintext of blob {@code id}, authenticated and checked against its ID. */
    public byte[] load(BlobId id, BlobType type) throws BlobReadException {
        if (type == BlobType.TREE) {
            byte[] cached = cached(id);
            if (cached != null) {
                return cached;
            }
        }
        IndexEntry entry = index.lookup(id);
        if (entry == null || entry.blob().type() != type) {
            throw new BlobReadException(null, true, type.name().toLowerCase() + " blob " + id.hex()
                    + " is not in the index", null);
        }
        byte[] plain = read(entry);
        if (type == BlobType.TREE) {
            remember(id, plain);
        }
        return plain;
    }

    /**
     * Reads, opens and verifies the blob that {@code entry} points to. A small tree is served
     * from a whole copy of its pack, because a walk reads the trees of neighbouring folders,
     * which sit in the same pack, and one read then serves hundreds of them. Other blobs are
     * read alone.
     */
    public byte[] read(IndexEntry entry) throws BlobReadException {
        String key = ObjectKind.PACK.key(entry.packName());
        PackedBlob blob = entry.blob();
        try {
            if (blob.type() == BlobType.TREE && blob.sealedLength() <= SMALL_BLOB) {
                byte[] pack = treePacks.get(key);
                if ((long) blob.offset() + blob.sealedLength() <= pack.length) {
                    try {
                        return verify(entry, key, pack, blob.offset());
                    } catch (BlobReadException e) {
                        // The cached copy is bad: the checked read below reports it, and a
                        // provider with several copies reads the blob from another one.
                    }
                }
            }
            byte[][] plain = new byte[1][];
            provider.get(key, blob.offset(), blob.sealedLength(), sealed -> {
                if (sealed.length != blob.sealedLength()) {
                    return truncated(key, blob).getMessage();
                }
                try {
                    plain[0] = verify(entry, key, sealed, 0);
                    return null;
                } catch (BlobReadException e) {
                    return e.getMessage();
                }
            });
            return plain[0];
        } catch (StorageException e) {
            boolean missing = e.kind() == StorageException.Kind.NOT_FOUND;
            throw new BlobReadException(key, missing, "reading blob " + blob.id().hex() + " from "
                    + key + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads many blobs with few requests: the blobs of each pack are sorted by offset, and
     * blobs that lie close together are read in one ranged request. Blobs larger than
     * {@link #BATCHED_BLOB} are left out, as they are worth a request of their own. A blob whose
     * read or verification fails is left out too, so that a later {@link #load} of it reports
     * the failure with its pack.
     *
     * @return the verified plaintext of each blob read, by ID
     */
    public Map<BlobId, byte[]> loadAll(Collection<IndexEntry> entries) {
        Map<String, List<IndexEntry>> byPack = new HashMap<>();
        for (IndexEntry entry : entries) {
            if (entry.blob().sealedLength() <= BATCHED_BLOB) {
                byPack.computeIfAbsent(entry.packName(), k -> new ArrayList<>()).add(entry);
            }
        }
        Map<BlobId, byte[]> plain = new HashMap<>();
        for (List<IndexEntry> pack : byPack.values()) {
            pack.sort(Comparator.comparingInt(e -> e.blob().offset()));
            int first = 0;
            while (first < pack.size()) {
                int last = first;
                long start = pack.get(first).blob().offset();
                long end = start + pack.get(first).blob().sealedLength();
                while (last + 1 < pack.size()) {
                    PackedBlob next = pack.get(last + 1).blob();
                    long nextEnd = Math.max(end, (long) next.offset() + next.sealedLength());
                    if (next.offset() - end > RANGE_GAP || nextEnd - start > RANGE_MAX) {
                        break;
                    }
                    end = nextEnd;
                    last++;
                }
                readRange(pack.subList(first, last + 1), start, (int) (end - start), plain);
                first = last + 1;
            }
        }
        return plain;
    }

    private void readRange(List<IndexEntry> blobs, long start, int length, Map<BlobId, byte[]> plain) {
        String key = ObjectKind.PACK.key(blobs.getFirst().packName());
        Map<BlobId, byte[]> read = new HashMap<>();
        try {
            // A copy with one bad blob is rejected whole, so that a provider with several
            // copies reads the range from another one in the same single request.
            provider.get(key, start, length, range -> verifyRange(blobs, key, start, range, read));
        } catch (StorageException e) {
            // Left out on purpose: the caller's load of each blob names the damage.
            return;
        }
        for (Map.Entry<BlobId, byte[]> blob : read.entrySet()) {
            plain.putIfAbsent(blob.getKey(), blob.getValue());
        }
    }

    /** Opens every blob of a range into {@code read}; returns the first problem, or null. */
    private String verifyRange(List<IndexEntry> blobs, String key, long start, byte[] range,
            Map<BlobId, byte[]> read) {
        read.clear();
        for (IndexEntry entry : blobs) {
            PackedBlob blob = entry.blob();
            int offset = (int) (blob.offset() - start);
            if (offset + blob.sealedLength() > range.length) {
                return truncated(key, blob).getMessage();
            }
            try {
                read.put(blob.id(), verify(entry, key, range, offset));
            } catch (BlobReadException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static BlobReadException truncated(String key, PackedBlob blob) {
        return new BlobReadException(key, false, "pack " + key + " ends before blob " + blob.id().hex()
                + " (truncated)", null);
    }

    private byte[] verify(IndexEntry entry, String key, byte[] sealed, int offset) throws BlobReadException {
        byte[] plain;
        try {
            plain = PackReader.openBlob(opener(entry), entry.blob(), sealed, offset);
        } catch (PackFormatException e) {
            throw new BlobReadException(key, false, "pack " + key + ": " + e.getMessage(), e);
        }
        byte[] actual = contentIds.get().compute(plain, 0, plain.length);
        if (!MessageDigest.isEqual(actual, entry.blob().id().toBytes())) {
            throw new BlobReadException(key, false, "pack " + key + ": blob " + entry.blob().id().hex()
                    + " decrypts to content with another ID", null);
        }
        return plain;
    }

    /** Returns this thread's opener for the entry's pack, reusing it while blobs come from one pack. */
    private Opener opener(IndexEntry entry) throws PackFormatException {
        Map<String, Opener> cache = openers.get();
        Opener opener = cache.get(entry.packName());
        if (opener == null) {
            opener = PackReader.opener(keyring, entry.sealerHeader());
            cache.put(entry.packName(), opener);
        }
        return opener;
    }

    private synchronized byte[] cached(BlobId id) {
        return treeCache.get(id);
    }

    private synchronized void remember(BlobId id, byte[] plain) {
        if (treeCache.put(id, plain) == null) {
            treeCacheBytes += plain.length;
        }
        var iterator = treeCache.entrySet().iterator();
        while (treeCacheBytes > treeCacheLimit && iterator.hasNext()) {
            treeCacheBytes -= iterator.next().getValue().length;
            iterator.remove();
        }
    }
}
