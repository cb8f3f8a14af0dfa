package dev.holdfast.repository.prune;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.FinishedPack;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.storage.StorageException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the live blobs of packs into new packs, then writes index files that list the new
 * packs. Each blob is authenticated and checked against its ID before it is copied, and sealed
 * again in its new pack. Data and tree blobs go to separate packs, as a backup writes them.
 */
final class Repacker {
    private static final Logger LOG = LoggerFactory.getLogger(Repacker.class);
    /** New packs per index file, as a backup writes them, so a crash leaves few unindexed. */
    private static final int PACKS_PER_INDEX = 8;

    /** The packs whose live blobs now live elsewhere, and the bytes written. */
    record Result(Set<String> repacked, long bytesWritten) {
    }

    private final ObjectStore store;
    private final Keyring keyring;
    private final int packTarget;
    private final BlobFrame frames;
    private final ContentIdFunction contentIds;
    private final SecureRandom random = new SecureRandom();
    private final Map<BlobType, PackWriter> writers;
    private final List<IndexedPack> unindexed = new ArrayList<>();
    private long bytesWritten;

    Repacker(ObjectStore store, Keyring keyring, int compressionLevel, int packTarget) {
        this.store = store;
        this.keyring = keyring;
        this.packTarget = packTarget;
        this.frames = new BlobFrame(compressionLevel);
        this.contentIds = keyring.contentIds();
        this.writers = Map.of(BlobType.DATA, new PackWriter(keyring, random, packTarget),
                BlobType.TREE, new PackWriter(keyring, random,
                        PackWriter.target(BlobType.TREE, packTarget)));
    }

    /**
     * Repacks each pack's owned blobs. A pack that cannot be read or whose blobs fail their
     * check is left out and kept: its blobs cannot be copied, and check reports the damage.
     */
    Result run(List<PackPlan.Decision> packs) throws StorageException {
        Set<String> done = new HashSet<>();
        for (PackPlan.Decision pack : packs) {
            List<Copy> blobs = read(pack);
            if (blobs == null) {
                continue;
            }
            for (Copy blob : blobs) {
                add(blob);
            }
            done.add(pack.pack());
        }
        for (PackWriter writer : writers.values()) {
            if (writer.count() > 0) {
                upload(writer.finish());
            }
        }
        writeIndex();
        return new Result(done, bytesWritten);
    }

    private record Copy(PackedBlob blob, byte[] plain) {
    }

    private List<Copy> read(PackPlan.Decision pack) throws StorageException {
        String key = ObjectKind.PACK.key(pack.pack());
        try {
            byte[] bytes = store.get(ObjectKind.PACK, pack.pack());
            Opener opener = PackReader.opener(keyring, bytes);
            List<Copy> copies = new ArrayList<>();
            for (PackedBlob blob : pack.owned()) {
                if ((long) blob.offset() + blob.sealedLength() > bytes.length) {
                    throw new PackFormatException("blob " + blob.id().hex() + " lies beyond the "
                            + "end of the pack");
                }
                byte[] plain = PackReader.openBlob(opener, blob, bytes, blob.offset());
                byte[] id = contentIds.compute(plain, 0, plain.length);
                if (!MessageDigest.isEqual(id, blob.id().toBytes())) {
                    throw new PackFormatException("blob " + blob.id().hex() + " decrypts to "
                            + "content with another ID");
                }
                copies.add(new Copy(blob, plain));
            }
            return copies;
        } catch (DamagedObjectException | PackFormatException e) {
            LOG.warn("prune: pack {} is damaged, so it is kept rather than repacked: {}", key,
                    e.getMessage());
            return null;
        }
    }

    private void add(Copy copy) throws StorageException {
        PackedBlob blob = copy.blob();
        PackWriter writer = writers.get(blob.type());
        int target = PackWriter.target(blob.type(), packTarget);
        BlobFrame.Encoded frame = frames.prepare(copy.plain(), 0, copy.plain().length);
        // Closed before a blob that would take it past the target, as backups do.
        if (!writer.fits(frame, target)) {
            upload(writer.finish());
        }
        writer.add(blob.type(), blob.id(), frame, blob.plainLength());
        if (writer.size() >= target) {
            upload(writer.finish());
        }
    }

    private void upload(FinishedPack pack) throws StorageException {
        String name = pack.name();
        store.provider().putIfAbsent(ObjectKind.PACK.key(name), pack.bytes());
        bytesWritten += pack.bytes().length;
        unindexed.add(new IndexedPack(name, pack.sealerHeader(), pack.blobs()));
        if (unindexed.size() >= PACKS_PER_INDEX) {
            writeIndex();
        }
    }

    private void writeIndex() throws StorageException {
        if (unindexed.isEmpty()) {
            return;
        }
        byte[] sealed = IndexFile.seal(keyring, unindexed);
        store.put(ObjectKind.INDEX, sealed);
        bytesWritten += sealed.length;
        unindexed.clear();
    }
}
