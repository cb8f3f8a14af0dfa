package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static dev.holdfast.repository.engine.TestRepositories.dataBlobs;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.engine.TreeSpec.EntrySpec;
import dev.holdfast.repository.engine.TreeSpec.FifoSpec;
import dev.holdfast.repository.engine.TreeSpec.FolderSpec;
import dev.holdfast.repository.engine.TreeSpec.Meta;
import dev.holdfast.repository.engine.TreeSpec.RegularSpec;
import dev.holdfast.repository.engine.TreeSpec.SparseSpec;
import dev.holdfast.repository.engine.TreeSpec.SymlinkSpec;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.Xattr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Backs up generated trees holding every kind of entry and metadata, restores them into an
 * empty folder and compares both trees through the POSIX layer. Needs root, for owners.
 */
class RoundTripProperties {
    private static final Meta PLAIN = new Meta(0755, 0, 0, 1_700_000_000L, 5, List.of());

    @Property(tries = 40)
    void restoredTreeEqualsSource(@ForAll("trees") TreeSpec spec) throws Exception {
        roundTrip(spec);
    }

    /** Covers every kind of entry in one tree, whatever the generator draws. */
    @Example
    void treeWithEveryKindOfEntry() throws Exception {
        Meta setuid = new Meta(04755, 1, 65534, 1_234_567_890L, 123_456_789,
                List.of(new Xattr(bytes("user.origin"), bytes("generated")),
                        new Xattr(bytes("user.empty"), new byte[0])));
        Meta sticky = new Meta(01777, 4242, 4343, -86_400L, 999_999_999, List.of());
        List<FolderSpec> folders = List.of(new FolderSpec(0, bytes("a folder"), sticky),
                new FolderSpec(1, new byte[] {(byte) 0xfe, 'x', (byte) 0xff}, PLAIN),
                new FolderSpec(0, bytes("line\nbreak"), PLAIN),
                new FolderSpec(0, bytes("empty"), PLAIN));
        byte[] chunks = Trees.random(3, 3 * 65536 + 1);
        List<EntrySpec> entries = List.of(
                new RegularSpec(1, bytes("three names"), setuid, chunks, List.of(2, 3)),
                new RegularSpec(0, bytes("empty file"), PLAIN, new byte[0], List.of()),
                new RegularSpec(2, bytes("text"), PLAIN, Trees.compressible(4, 70_000), List.of()),
                new SparseSpec(3, bytes("holes everywhere"), setuid, Trees.random(5, 9000), 300,
                        true, true),
                new SymlinkSpec(1, bytes("dangling"), sticky, bytes("../no/such/target")),
                new SymlinkSpec(0, bytes("raw target"), PLAIN,
                        new byte[] {'/', (byte) 0x80, (byte) 0xc3, 'z'}),
                new FifoSpec(2, bytes("pipe"), sticky));
        roundTrip(new TreeSpec(sticky, folders, entries, true));
    }

    private static void roundTrip(TreeSpec spec) throws Exception {
        Path base = Files.createTempDirectory("holdfast-round-trip");
        try {
            roundTrip(spec, base);
        } finally {
            Trees.delete(base);
        }
    }

    private static void roundTrip(TreeSpec spec, Path base) throws Exception {
        Path source = base.resolve("src");
        Map<String, Long> sparseData = TreeBuilder.build(source, spec);
        TreeListing before = TreeListing.of(source);
        try (Repository repository = create(base.resolve("repo"), TestRepositories.SMALL_CHUNKS)) {
            BackupSummary first = backup(repository, source);
            assertThat(first.warnings()).isEmpty();
            assertThat(first.changedWhileRead()).isEmpty();
            assertThat(first.filesNew()).isEqualTo(regularFiles(before));

            RestoreSummary restored = restore(repository, first.snapshotId(),
                    base.resolve("restore"));

            assertThat(restored.failed()).isEmpty();
            assertThat(restored.warnings()).isEmpty();
            TreeListing after = TreeListing.of(base.resolve("restore/src"));
            before.assertRestoredAs(after);
            sparseData.forEach((path, data) -> assertThat(after.get(path).allocatedBytes())
                    .as("bytes allocated by sparse file %s", path)
                    .isLessThanOrEqualTo(data + 4 * TreeBuilder.BLOCK));
            assertSecondBackupReadsNothing(repository, source, before);
        }
    }

    private static void assertSecondBackupReadsNothing(Repository repository, Path source,
            TreeListing before) throws Exception {
        long files = regularFiles(before);
        long dataBlobs = dataBlobs(repository);

        BackupSummary second = backup(repository, source);

        assertThat(second.bytesRead()).isZero();
        assertThat(second.filesUnchanged()).isEqualTo(files);
        assertThat(second.filesNew()).isZero();
        assertThat(second.filesChanged()).isZero();
        assertThat(dataBlobs(repository)).isEqualTo(dataBlobs);
    }

    /** Counts the names of regular files, so a file with three links counts three times. */
    private static long regularFiles(TreeListing listing) {
        return listing.entries().values().stream()
                .filter(facts -> facts.type() == FileType.REGULAR).count();
    }

    @Provide
    Arbitrary<TreeSpec> trees() {
        return Combinators.combine(TreeArbitraries.folderMeta(),
                TreeArbitraries.folders().list().ofMaxSize(5),
                TreeArbitraries.entries().list().ofMinSize(1).ofMaxSize(10),
                Arbitraries.of(true, false)).as(TreeSpec::new);
    }
}
