package dev.holdfast.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.audit.AuditCodec;
import dev.holdfast.repository.audit.AuditEntry;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.lock.LockInfo;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.FinishedPack;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.repository.retention.DeletionRecord;
import dev.holdfast.repository.retention.DeletionRecords;
import dev.holdfast.repository.snapshot.ReplicationRecord;
import dev.holdfast.repository.snapshot.ReplicationRecords;
import dev.holdfast.repository.snapshot.Snapshot;
import dev.holdfast.repository.snapshot.SnapshotCodec;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.ExtendedAttribute;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpora of this module's fuzz tests: real packs, frames, index files, trees,
 * snapshots, locks and config objects made with {@link FuzzSupport#KEYRING}. Run on demand (see
 * fuzz/README.md); the files are committed, so a normal build never runs it.
 */
class FuzzSeedWriter {
    private static final Path RESOURCES = Path.of("src/test/resources/dev/holdfast/repository");
    private static final Keyring KEYRING = FuzzSupport.KEYRING;
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final byte[] NO_DATA = new byte[0];
    private static final byte[] TEXT = "holdfast fuzz seed text, again and again, "
            .repeat(6).getBytes(StandardCharsets.UTF_8);

    @Test
    @EnabledIfSystemProperty(named = "holdfast.writeFuzzSeeds", matches = "true")
    void writeSeeds() throws Exception {
        FinishedPack pack = writePacks();
        writeFrames();
        writeIndexes(pack);
        writeTrees();
        writeSnapshots();
        writeReplicationRecords();
        writeDeletionRecords();
        writeAuditEntries();
        writeLocks();
        writeConfigs();
        writePathNames();
    }

    private static FinishedPack writePacks() throws Exception {
        PackWriter writer = new PackWriter(KEYRING, new SecureRandom());
        FinishedPack empty = writer.finish();
        addBlob(writer, BlobType.DATA, TEXT, 3);
        addBlob(writer, BlobType.DATA, "short".getBytes(StandardCharsets.UTF_8), 0);
        addBlob(writer, BlobType.TREE, TreeCodec.encode(sampleNodes()), 3);
        FinishedPack three = writer.finish();
        for (var entry : List.of(List.of("empty", empty), List.of("three-blobs", three))) {
            String name = (String) entry.get(0);
            byte[] bytes = ((FinishedPack) entry.get(1)).bytes();
            write("pack/PackReaderFuzzTestInputs/readHeader/" + name, bytes);
            write("pack/PackReaderFuzzTestInputs/readSealedHeader/" + name,
                    sealedHeaderInput(bytes));
        }
        return three;
    }

    private static void addBlob(PackWriter writer, BlobType type, byte[] plain, int level) {
        BlobId id = BlobId.of(KEYRING.contentIds().compute(plain, 0, plain.length));
        writer.add(type, id, new BlobFrame(level).encode(plain, 0, plain.length), plain.length);
    }

    /** Returns u16 size of the blob region, then the pack header's plaintext. */
    private static byte[] sealedHeaderInput(byte[] pack) throws AuthenticationFailedException {
        int sealedLength = ByteBuffer.wrap(pack, pack.length - 8, 4).getInt();
        int headerStart = pack.length - 8 - sealedLength;
        byte[] header = Opener.forHeader(KEYRING, Purpose.PACK, pack, 0)
                .open(PackWriter.HEADER_PART, NO_DATA, pack, headerStart, sealedLength);
        int blobRegion = headerStart - Sealer.headerLength();
        return ByteBuffer.allocate(2 + header.length).putShort((short) blobRegion).put(header)
                .array();
    }

    private static void writeFrames() throws IOException {
        byte[] compressed = new BlobFrame(3).encode(TEXT, 0, TEXT.length);
        byte[] stored = new BlobFrame(0).encode(TEXT, 0, 40);
        write("pack/BlobFrameFuzzTestInputs/decode/zstd", prefixed(TEXT.length, compressed));
        write("pack/BlobFrameFuzzTestInputs/decode/stored", prefixed(40, stored));
        write("pack/PackReaderFuzzTestInputs/openBlob/zstd-data",
                withType(0, prefixed(TEXT.length, compressed)));
        write("pack/PackReaderFuzzTestInputs/openBlob/stored-tree",
                withType(1, prefixed(40, stored)));
    }

    private static byte[] prefixed(int length, byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(length).put(bytes).array();
    }

    private static byte[] withType(int type, byte[] bytes) {
        return ByteBuffer.allocate(1 + bytes.length).put((byte) type).put(bytes).array();
    }

    private static void writeIndexes(FinishedPack pack) throws Exception {
        var indexed = new IndexedPack(pack.name(), pack.sealerHeader(), pack.blobs());
        byte[] one = IndexFile.seal(KEYRING, List.of(indexed));
        byte[] empty = IndexFile.seal(KEYRING, List.of());
        write("index/IndexFileFuzzTestInputs/open/one-pack", one);
        write("index/IndexFileFuzzTestInputs/open/empty", empty);
        write("index/IndexFileFuzzTestInputs/decode/one-pack", open(Purpose.INDEX, one));
        write("index/IndexFileFuzzTestInputs/decode/empty", open(Purpose.INDEX, empty));
    }

    private static void writeTrees() throws IOException {
        write("tree/TreeCodecFuzzTestInputs/decode/all-types", TreeCodec.encode(sampleNodes()));
        write("tree/TreeCodecFuzzTestInputs/decode/empty", TreeCodec.encode(List.of()));
    }

    private static List<Node> sampleNodes() {
        BlobId blob = BlobId.of(new byte[32]);
        List<ContentPart> content = List.of(ContentPart.blob(blob), ContentPart.hole(4096));
        var xattr = new ExtendedAttribute("user.note".getBytes(), "v".getBytes());
        return List.of(
                node("file.txt", EntryType.FILE, 12, content, null, null, List.of(xattr), true),
                node("dir", EntryType.DIRECTORY, 0, List.of(), blob, null, List.of(), false),
                node("link", EntryType.SYMLINK, 0, List.of(), null, "../x".getBytes(), List.of(),
                        false),
                node("fifo", EntryType.FIFO, 0, List.of(), null, null, List.of(), false),
                node("sda", EntryType.BLOCK_DEVICE, 0, List.of(), null, null, List.of(), false));
    }

    private static Node node(String name, EntryType type, long size, List<ContentPart> content,
            BlobId subtree, byte[] target, List<ExtendedAttribute> xattrs, boolean changed) {
        long rdev = type == EntryType.BLOCK_DEVICE ? 0x801 : 0;
        return new Node(name.getBytes(StandardCharsets.UTF_8), type, 0644, 1000, 1000, "alice",
                "staff", 1_700_000_000, 5, 1_700_000_001, 6, 1_700_000_002, 7, 42, 2049, 1, rdev,
                size, content, subtree, target, xattrs, changed);
    }

    private static void writeSnapshots() throws Exception {
        var snapshot = new Snapshot(1, "2026-01-02T03:04:05.123456789Z", "host", "alice",
                List.of("/home/alice"), List.of("daily"), null, new byte[32], 3, 4096, true,
                List.of("/home/alice/log"), List.of("/home/alice/secret: permission denied"));
        byte[] sealed = SnapshotCodec.seal(KEYRING, snapshot);
        write("snapshot/SnapshotCodecFuzzTestInputs/open/full", sealed);
        write("snapshot/SnapshotCodecFuzzTestInputs/decode/full", open(Purpose.SNAPSHOT, sealed));
    }

    private static void writeReplicationRecords() throws Exception {
        var record = new ReplicationRecord(1, new byte[32], "2026-01-02T03:04:05.123Z");
        byte[] sealed = ReplicationRecords.seal(KEYRING, record);
        write("snapshot/ReplicationRecordsFuzzTestInputs/open/full", sealed);
        write("snapshot/ReplicationRecordsFuzzTestInputs/decode/full",
                CBOR.writeValueAsBytes(record));
    }

    private static void writeDeletionRecords() throws Exception {
        var record = new DeletionRecord(1, new byte[32], DeletionRecord.FORGET,
                "2026-01-02T03:04:05.123456789Z", "host", "alice", "monthly cleanup");
        byte[] sealed = DeletionRecords.seal(KEYRING, record);
        write("retention/DeletionRecordsFuzzTestInputs/open/forget", sealed);
        write("retention/DeletionRecordsFuzzTestInputs/decode/forget",
                CBOR.writeValueAsBytes(record));
    }

    private static void writeAuditEntries() throws Exception {
        var entry = new AuditEntry(1, 2, new byte[32], "2026-01-02T03:04:05.123Z", "host",
                "alice", "backup", java.util.Map.of("snapshot", "0123abcd", "files", "3"));
        byte[] sealed = AuditCodec.seal(KEYRING, entry);
        write("audit/AuditCodecFuzzTestInputs/open/backup", sealed);
        write("audit/AuditCodecFuzzTestInputs/decode/backup", CBOR.writeValueAsBytes(entry));
    }

    private static void writeLocks() throws IOException {
        var lock = new LockInfo("host", 4242, "alice", "backup", false,
                "2026-01-02T03:04:05Z", "2026-01-02T03:09:05Z");
        write("lock/LockManagerFuzzTestInputs/decode/backup", CBOR.writeValueAsBytes(lock));
    }

    private static void writeConfigs() throws IOException {
        var settings = new ConfigObject.Settings(512 * 1024, 1024 * 1024, 8 * 1024 * 1024,
                16 * 1024 * 1024, 3, 2);
        byte[] config = ConfigObject.encode("0123456789abcdef0123456789abcdef", KEYRING, settings);
        write("ConfigObjectFuzzTestInputs/repositoryId/config", config);
        write("ConfigObjectFuzzTestInputs/settings/config", config);
        write("ConfigObjectFuzzTestInputs/settings/settings-plaintext",
                CBOR.writeValueAsBytes(settings));
    }

    private static void writePathNames() throws IOException {
        write("PathNamesFuzzTestInputs/parse/plain", "home/alice/notes.txt".getBytes());
        write("PathNamesFuzzTestInputs/parse/mixed",
                new byte[] {'a', (byte) 0xc3, (byte) 0xa4, '\\', 'x', '4', '1', (byte) 0xff, '/'});
    }

    private static byte[] open(Purpose purpose, byte[] sealed)
            throws AuthenticationFailedException {
        return Opener.openObject(KEYRING, purpose, NO_DATA, sealed);
    }

    private static void write(String relative, byte[] bytes) throws IOException {
        Path file = RESOURCES.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
