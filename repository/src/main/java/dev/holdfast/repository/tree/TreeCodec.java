package dev.holdfast.repository.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.pack.BlobId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes trees as CBOR (RFC 8949): a map {@code {"v": 1, "nodes": [...]}} whose nodes are maps
 * with short text keys (listed in docs/format.md), sorted by the bytes of their names. Keys a
 * reader does not know are skipped, so later versions can add fields.
 */
public final class TreeCodec {
    static final int VERSION = 1;
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
            .build();

    private TreeCodec() {
    }

    /** Encodes nodes sorted by name; two nodes with the same name are an error. */
    public static byte[] encode(List<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        for (int i = 1; i < sorted.size(); i++) {
            if (Arrays.equals(sorted.get(i - 1).name(), sorted.get(i).name())) {
                throw new IllegalArgumentException("two entries of one folder share a name");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + nodes.size() * 128);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField("v", VERSION);
            generator.writeArrayFieldStart("nodes");
            for (Node node : sorted) {
                NodeFields.write(generator, node);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a tree in memory failed", e);
        }
        return out.toByteArray();
    }

    /** Decodes a tree; any structural problem is a {@link TreeFormatException}. */
    public static List<Node> decode(byte[] bytes) throws TreeFormatException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "tree");
            List<Node> nodes = null;
            int version = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "v" -> version = NodeFields.readInt(parser, value, "v");
                    case "nodes" -> nodes = readNodes(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (version != VERSION) {
                throw new TreeFormatException("tree version " + version + " is not supported");
            }
            if (nodes == null) {
                throw new TreeFormatException("tree has no nodes field");
            }
            if (parser.nextToken() != null) {
                throw new TreeFormatException("tree has trailing bytes");
            }
            return nodes;
        } catch (IOException e) {
            throw new TreeFormatException("tree is not valid CBOR: " + e.getMessage());
        }
    }

    private static List<Node> readNodes(JsonParser parser, JsonToken token) throws IOException, TreeFormatException {
        expect(token, JsonToken.START_ARRAY, "nodes");
        List<Node> nodes = new ArrayList<>();
        byte[] previous = null;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            Node node = NodeFields.read(parser);
            if (previous != null && Arrays.compareUnsigned(previous, node.name()) >= 0) {
                throw new TreeFormatException("tree entries are not sorted by unique names");
            }
            previous = node.name();
            nodes.add(node);
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, "nodes");
        return nodes;
    }

    static void expect(JsonToken actual, JsonToken expected, String what) throws TreeFormatException {
        if (actual != expected) {
            throw new TreeFormatException("tree field " + what + ": expected " + expected + ", found " + actual);
        }
    }

    /** Bytes that are not a valid tree. */
    public static final class TreeFormatException extends Exception {
        public TreeFormatException(String message) {
            super(message);
        }
    }

    static EntryType typeOf(String label) throws TreeFormatException {
        try {
            return EntryType.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new TreeFormatException(e.getMessage());
        }
    }

    static BlobId blobId(byte[] bytes, String what) throws TreeFormatException {
        if (bytes == null || bytes.length != BlobId.LENGTH) {
            throw new TreeFormatException(what + " must be a 32-byte blob ID");
        }
        return BlobId.of(bytes);
    }
}
