package dev.holdfast.repository.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.tree.TreeCodec.TreeFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link TreeCodec}: any bytes give nodes or a {@link TreeFormatException}; a decoded
 * tree encodes to bytes that decode to the same nodes, and trees built from the input survive
 * encoding and decoding field by field.
 */
class TreeCodecFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] data) throws TreeFormatException {
        List<Node> nodes;
        try {
            nodes = TreeCodec.decode(data);
        } catch (TreeFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        byte[] encoded = TreeCodec.encode(nodes);
        List<Node> again = TreeCodec.decode(encoded);
        assertThat(describe(again)).isEqualTo(describe(nodes.stream().map(TreeCodecFuzzTest::kept)
                .toList()));
        assertThat(TreeCodec.encode(again)).isEqualTo(encoded);
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void roundTrip(FuzzedDataProvider data) throws TreeFormatException {
        List<Node> nodes = new ArrayList<>();
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            Node node = node(data);
            if (nodes.stream().noneMatch(n -> Arrays.equals(n.name(), node.name()))) {
                nodes.add(node);
            }
        }
        List<Node> decoded = TreeCodec.decode(TreeCodec.encode(nodes));
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        assertThat(describe(decoded)).isEqualTo(describe(sorted));
    }

    /** Builds a node that the format can hold, with every field taken from the input. */
    private static Node node(FuzzedDataProvider data) {
        EntryType type = data.pickValue(EntryType.values());
        byte[] name = name(data.consumeBytes(data.consumeInt(1, 64)));
        boolean file = type == EntryType.FILE;
        long size = file ? data.consumeLong(0, Long.MAX_VALUE) : 0;
        List<ContentPart> content = file ? content(data) : List.of();
        BlobId subtree = type == EntryType.DIRECTORY || data.consumeBoolean() ? blobId(data) : null;
        byte[] target = type == EntryType.SYMLINK || data.consumeBoolean()
                ? data.consumeBytes(data.consumeInt(0, 64)) : null;
        List<ExtendedAttribute> xattrs = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            xattrs.add(new ExtendedAttribute(data.consumeBytes(data.consumeInt(0, 32)),
                    data.consumeBytes(data.consumeInt(0, 64))));
        }
        return new Node(name, type, data.consumeInt(), data.consumeInt(), data.consumeInt(),
                optionalText(data), optionalText(data), data.consumeLong(), nanos(data),
                data.consumeLong(), nanos(data), data.consumeLong(), nanos(data),
                data.consumeLong(), data.consumeLong(), data.consumeLong(), data.consumeLong(),
                size, content, subtree, target, xattrs, file && data.consumeBoolean());
    }

    /** Replaces the bytes that a name cannot contain and avoids the names . and .. */
    private static byte[] name(byte[] raw) {
        byte[] name = raw.length == 0 ? new byte[] {'n'} : raw.clone();
        for (int i = 0; i < name.length; i++) {
            if (name[i] == '/' || name[i] == 0) {
                name[i] = '_';
            }
        }
        boolean dots = name.length <= 2 && new String(name).replace(".", "").isEmpty();
        if (!dots) {
            return name;
        }
        byte[] longer = Arrays.copyOf(name, name.length + 1);
        longer[name.length] = '_';
        return longer;
    }

    private static List<ContentPart> content(FuzzedDataProvider data) {
        List<ContentPart> parts = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            parts.add(data.consumeBoolean() ? ContentPart.hole(data.consumeLong(1, Long.MAX_VALUE))
                    : ContentPart.blob(blobId(data)));
        }
        return parts;
    }

    private static BlobId blobId(FuzzedDataProvider data) {
        return BlobId.of(Arrays.copyOf(data.consumeBytes(BlobId.LENGTH), BlobId.LENGTH));
    }

    /** Returns null or text that UTF-8 can encode, which a node's user or group must be. */
    private static String optionalText(FuzzedDataProvider data) {
        if (!data.consumeBoolean()) {
            return null;
        }
        String text = data.consumeString(20);
        return StandardCharsets.UTF_8.newEncoder().canEncode(text) ? text : "";
    }

    private static int nanos(FuzzedDataProvider data) {
        return data.consumeInt(0, 999_999_999);
    }

    /** Returns the node as the format stores it: only files keep a size and content. */
    private static Node kept(Node node) {
        if (node.type() == EntryType.FILE) {
            return node;
        }
        return node.withContent(List.of(), 0, node.changed());
    }

    /** Lists every field, byte arrays by content, so that two node lists compare by value. */
    static List<String> describe(List<Node> nodes) {
        return nodes.stream().map(TreeCodecFuzzTest::describe).toList();
    }

    private static String describe(Node n) {
        List<String> xattrs = n.xattrs().stream()
                .map(x -> Arrays.toString(x.name()) + "=" + Arrays.toString(x.value())).toList();
        return String.join(" ", Arrays.toString(n.name()), n.type().label(), "mode=" + n.mode(),
                "uid=" + n.uid(), "gid=" + n.gid(), "user=" + n.user(), "group=" + n.group(),
                "mtime=" + n.mtimeSeconds() + "." + n.mtimeNanos(),
                "atime=" + n.atimeSeconds() + "." + n.atimeNanos(),
                "ctime=" + n.ctimeSeconds() + "." + n.ctimeNanos(), "ino=" + n.inode(),
                "dev=" + n.device(), "nlink=" + n.links(), "rdev=" + n.rdev(), "size=" + n.size(),
                "content=" + n.content(), "subtree=" + n.subtree(),
                "target=" + Arrays.toString(n.linkTarget()), "xattrs=" + xattrs,
                "changed=" + n.changed());
    }
}
