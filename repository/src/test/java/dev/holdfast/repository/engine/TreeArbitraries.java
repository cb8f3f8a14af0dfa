package dev.holdfast.repository.engine;

import dev.holdfast.repository.engine.TreeSpec.EntrySpec;
import dev.holdfast.repository.engine.TreeSpec.FifoSpec;
import dev.holdfast.repository.engine.TreeSpec.FolderSpec;
import dev.holdfast.repository.engine.TreeSpec.Meta;
import dev.holdfast.repository.engine.TreeSpec.RegularSpec;
import dev.holdfast.repository.engine.TreeSpec.SparseSpec;
import dev.holdfast.repository.engine.TreeSpec.SymlinkSpec;
import dev.holdfast.repository.posix.Xattr;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of the parts of a {@link TreeSpec}, with file sizes at the chunk limits of
 * {@link TestRepositories#SMALL_CHUNKS}.
 */
final class TreeArbitraries {
    /** File sizes at the chunker's limits (4 KiB, 16 KiB, 64 KiB) and one byte either side. */
    private static final List<Integer> EDGE_SIZES = List.of(0, 1, 4095, 4096, 4097, 16383, 16384,
            16385, 65535, 65536, 65537);
    private static final List<Integer> OWNERS = List.of(0, 1, 65534, 4242);

    private TreeArbitraries() {
    }

    /**
     * Names with spaces and newlines, with bytes 0x80 to 0xFF that are mostly not valid UTF-8,
     * and with valid multi-byte UTF-8.
     */
    static Arbitrary<byte[]> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').excludeChars('/')
                        .ofMinLength(1).ofMaxLength(24).map(TestRepositories::bytes),
                Arbitraries.strings().withChars("ab \n\t").ofMinLength(1).ofMaxLength(8)
                        .map(TestRepositories::bytes),
                Arbitraries.bytes().between((byte) 0x80, (byte) 0xff).array(byte[].class)
                        .ofMinSize(1).ofMaxSize(12),
                Arbitraries.strings().withCharRange('\u00e0', '\u00ff').withChars('\u20ac')
                        .ofMinLength(1).ofMaxLength(8).map(TestRepositories::bytes));
    }

    static Arbitrary<Meta> fileMeta() {
        return meta(Arbitraries.of(0644, 0600, 0755, 0444, 0, 04755, 02755, 06711, 01644));
    }

    static Arbitrary<Meta> folderMeta() {
        return meta(Arbitraries.of(0755, 0700, 0555, 01777, 02775, 03777));
    }

    private static Arbitrary<Meta> meta(Arbitrary<Integer> modes) {
        Arbitrary<Xattr> xattr = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars("._-")
                        .ofMinLength(1).ofMaxLength(12)
                        .map(name -> TestRepositories.bytes("user." + name)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(Xattr::new);
        return Combinators.combine(modes, Arbitraries.of(OWNERS), Arbitraries.of(OWNERS),
                Arbitraries.longs().between(-(1L << 31), 1L << 33),
                Arbitraries.integers().between(0, 999_999_999),
                xattr.list().ofMaxSize(2).uniqueElements(x -> new String(x.name())))
                .as(Meta::new);
    }

    static Arbitrary<FolderSpec> folders() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), names(), folderMeta())
                .as(FolderSpec::new);
    }

    static Arbitrary<EntrySpec> entries() {
        return Arbitraries.frequencyOf(Tuple.of(5, regular()), Tuple.of(1, sparse()),
                Tuple.of(2, symlink()), Tuple.of(1, fifo()));
    }

    private static Arbitrary<Integer> place() {
        return Arbitraries.integers().between(0, 8);
    }

    private static Arbitrary<EntrySpec> regular() {
        Arbitrary<List<Integer>> links = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(List.<Integer>of())),
                Tuple.of(1, place().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(place(), names(), fileMeta(), contents(), links)
                .as(RegularSpec::new);
    }

    private static Arbitrary<byte[]> contents() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(EDGE_SIZES)),
                Tuple.of(1, Arbitraries.integers().between(0, 200_000)));
        return Combinators.combine(sizes, Arbitraries.longs(), Arbitraries.of(true, false))
                .as((size, seed, compressible) -> compressible ? Trees.compressible(seed, size)
                        : Trees.random(seed, size));
    }

    private static Arbitrary<EntrySpec> sparse() {
        Arbitrary<byte[]> data = Combinators.combine(Arbitraries.integers().between(1, 70_000),
                Arbitraries.longs()).as((size, seed) -> Trees.random(seed, size));
        return Combinators.combine(place(), names(), fileMeta(), data,
                Arbitraries.integers().between(16, 512), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(SparseSpec::new);
    }

    /** Targets that are relative, absolute, dangling, and not valid UTF-8; never NUL. */
    private static Arbitrary<EntrySpec> symlink() {
        Arbitrary<byte[]> targets = Arbitraries.bytes().filter(b -> b != 0).array(byte[].class)
                .ofMinSize(1).ofMaxSize(60);
        return Combinators.combine(place(), names(), fileMeta(), targets).as(SymlinkSpec::new);
    }

    private static Arbitrary<EntrySpec> fifo() {
        return Combinators.combine(place(), names(), fileMeta()).as(FifoSpec::new);
    }
}
