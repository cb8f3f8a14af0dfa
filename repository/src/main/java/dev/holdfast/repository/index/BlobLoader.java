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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads single blobs through the index: a ranged read of the pack, authentication, then a check
 * that the plaintext hashes to the blob's ID. Trees are cached because a walk reads each folder's
 * tree and backups compare against the parent's trees. Thread-safe.
 */
public final class BlobLoader {
    private static final int TREE_CACHE_BYTES = 32 * 1024 * 1024;
    /** Blobs up to this sealed size are read through {@link PackCache}. */
    private static final int SMALL_BLOB = 64 * 1024;

    private final Provider provider;
    private final Keyring keyring;
    private final Index index;
    private final ThreadLocal<ContentIdFunction> contentIds;
    private final PackCache packs;
    private final ThreadLocal<Map<String, Opener>> openers = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Opener> eldest) {
                    return size() > 16;
                }
            });
    private final Map<BlobId, byte[]> treeCache = new LinkedHashMap<>(256, 0.75f, true);
    private long treeCacheBytes;

    public BlobLoader(Provider provider, Keyring keyring, Index index) {
        this.provider = provider;
        this.keyring = keyring;
        this.index = index;
        this.contentIds = ThreadLocal.withInitial(keyring::contentIds);
        this.packs = new PackCache(provider);
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
     * Reads, opens and verifies the blob that {@code entry} points to. A small blob is served
     * from a whole copy of its pack, because the blobs of neighbouring small files sit in the
     * same pack and one read then serves hundreds of them. A large blob is read alone.
     */
    public byte[] read(IndexEntry entry) throws BlobReadException {
        String key = ObjectKind.PACK.key(entry.packName());
        PackedBlob blob = entry.blob();
        try {
            if (blob.sealedLength() <= SMALL_BLOB) {
                byte[] pack = packs.get(key);
                if ((long) blob.offset() + blob.sealedLength() > pack.length) {
                    throw truncated(key, blob);
                }
                return verify(entry, key, pack, blob.offset());
            }
            byte[] sealed = provider.get(key, blob.offset(), blob.sealedLength());
            if (sealed.length != blob.sealedLength()) {
                throw truncated(key, blob);
            }
            return verify(entry, key, sealed, 0);
        } catch (StorageException e) {
            boolean missing = e.kind() == StorageException.Kind.NOT_FOUND;
            throw new BlobReadException(key, missing, "reading blob " + blob.id().hex() + " from "
                    + key + " failed: " + e.getMessage(), e);
        }
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
        while (treeCacheBytes > TREE_CACHE_BYTES && iterator.hasNext()) {
            treeCacheBytes -= iterator.next().getValue().length;
            iterator.remove();
        }
    }
}
