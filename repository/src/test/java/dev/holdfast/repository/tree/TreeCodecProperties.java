package dev.holdfast.repository.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.pack.BlobId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TreeCodecProperties {

    @Provide
    Arbitrary<Node> nodes() {
        Arbitrary<byte[]> names = Arbitraries.bytes().filter(b -> b != '/' && b != 0).array(byte[].class)
                .ofMinSize(1).ofMaxSize(300).filter(n -> !Arrays.equals(n, ".".getBytes())
                        && !Arrays.equals(n, "..".getBytes()));
        Arbitrary<BlobId> ids = Arbitraries.bytes().array(byte[].class).ofSize(32).map(BlobId::of);
        Arbitrary<List<ContentPart>> content = Arbitraries.oneOf(ids.map(ContentPart::blob),
                Arbitraries.longs().between(1, 1L << 40).map(ContentPart::hole)).list().ofMaxSize(20);
        Arbitrary<List<ExtendedAttribute>> xattrs = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(50)).as(ExtendedAttribute::new).list().ofMaxSize(3);
        return Combinators.combine(names, Arbitraries.of(EntryType.class), Arbitraries.integers().between(0, 07777),
                Arbitraries.longs(), Arbitraries.integers().between(0, 999_999_999), content, ids, xattrs)
                .as((name, type, mode, seconds, nanos, parts, id, attributes) -> new Node(name, type, mode, 1000,
                        1000, "user", null, seconds, nanos, seconds, nanos, seconds, nanos % 3 == 0 ? nanos : 0,
                        42, 7, 1, 0,
                        type == EntryType.FILE ? 123 : 0, type == EntryType.FILE ? parts : List.of(),
                        type == EntryType.DIRECTORY ? id : null, type == EntryType.SYMLINK ? name : null,
                        attributes, type == EntryType.FILE && nanos % 2 == 0));
    }

    @Property(tries = 300)
    void nodesRoundTrip(@ForAll @Size(max = 20) List<@From("nodes") Node> input) throws Exception {
        List<Node> unique = uniqueByName(input);
        List<Node> decoded = TreeCodec.decode(TreeCodec.encode(unique));
        assertThat(decoded).hasSameSizeAs(unique);
        List<Node> sorted = new ArrayList<>(unique);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        for (int i = 0; i < sorted.size(); i++) {
            assertSameNode(decoded.get(i), sorted.get(i));
        }
    }

    private static List<Node> uniqueByName(List<Node> nodes) {
        List<Node> unique = new ArrayList<>();
        for (Node node : nodes) {
            if (unique.stream().noneMatch(n -> Arrays.equals(n.name(), node.name()))) {
                unique.add(node);
            }
        }
        return unique;
    }

    private static void assertSameNode(Node actual, Node expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.mode()).isEqualTo(expected.mode());
        assertThat(actual.mtimeSeconds()).isEqualTo(expected.mtimeSeconds());
        assertThat(actual.mtimeNanos()).isEqualTo(expected.mtimeNanos());
        assertThat(actual.atimeSeconds()).isEqualTo(expected.atimeSeconds());
        assertThat(actual.atimeNanos()).isEqualTo(expected.atimeNanos());
        assertThat(actual.ctimeSeconds()).isEqualTo(expected.ctimeSeconds());
        assertThat(actual.ctimeNanos()).isEqualTo(expected.ctimeNanos());
        assertThat(actual.content()).isEqualTo(expected.content());
        assertThat(actual.subtree()).isEqualTo(expected.subtree());
        assertThat(actual.linkTarget()).isEqualTo(expected.linkTarget());
        assertThat(actual.xattrs()).hasSameSizeAs(expected.xattrs());
        assertThat(actual.changed()).isEqualTo(expected.changed());
        assertThat(actual.user()).isEqualTo(expected.user());
    }

    @Test
    void encode_ctimeEqualToMtime_omitted() throws Exception {
        Node written = new Node("f".getBytes(), EntryType.FILE, 0644, 0, 0, null, null, 100, 5, 100, 5, 100, 5,
                7, 8, 1, 0, 0, List.of(), null, null, List.of(), false);
        Node changed = new Node("g".getBytes(), EntryType.FILE, 0644, 0, 0, null, null, 100, 5, 100, 5, 100, 6,
                7, 8, 1, 0, 0, List.of(), null, null, List.of(), false);

        byte[] once = TreeCodec.encode(List.of(written));
        byte[] twice = TreeCodec.encode(List.of(changed));

        assertThat(new String(once, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ctime");
        assertThat(new String(twice, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("ctime");
        Node read = TreeCodec.decode(once).getFirst();
        assertThat(read.ctimeSeconds()).isEqualTo(100);
        assertThat(read.ctimeNanos()).isEqualTo(5);
        assertThat(TreeCodec.decode(twice).getFirst().ctimeNanos()).isEqualTo(6);
    }

    @Test
    void nonUtf8NamesSurvive() throws Exception {
        Node fe = file(new byte[] {(byte) 0xfe});
        Node ff = file(new byte[] {(byte) 0xff});
        List<Node> decoded = TreeCodec.decode(TreeCodec.encode(List.of(ff, fe)));
        assertThat(decoded).extracting(Node::name).containsExactly(new byte[] {(byte) 0xfe}, new byte[] {(byte) 0xff});
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> TreeCodec.encode(List.of(file("a".getBytes()), file("a".getBytes()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void arbitraryBytesGiveOnlyFormatErrors(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            TreeCodec.decode(bytes);
        } catch (TreeCodec.TreeFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    static Node file(byte[] name) {
        return new Node(name, EntryType.FILE, 0644, 0, 0, null, null, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, List.of(),
                null, null, List.of(), false);
    }
}
