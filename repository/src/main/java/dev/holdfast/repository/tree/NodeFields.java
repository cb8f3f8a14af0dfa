package dev.holdfast.repository.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.tree.TreeCodec.TreeFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads the fields of one node; the field names are part of the format. */
final class NodeFields {
    private NodeFields() {
    }

    static void write(JsonGenerator out, Node node) throws IOException {
        out.writeStartObject();
        out.writeFieldName("name");
        out.writeBinary(node.name());
        out.writeStringField("type", node.type().label());
        out.writeNumberField("mode", node.mode());
        out.writeNumberField("uid", node.uid());
        out.writeNumberField("gid", node.gid());
        if (node.user() != null) {
            out.writeStringField("user", node.user());
        }
        if (node.group() != null) {
            out.writeStringField("group", node.group());
        }
        writeTime(out, "mtime", node.mtimeSeconds(), node.mtimeNanos());
        if (node.atimeSeconds() != node.mtimeSeconds() || node.atimeNanos() != node.mtimeNanos()) {
            writeTime(out, "atime", node.atimeSeconds(), node.atimeNanos());
        }
        // A file written once has equal change and modification times. Leaving the copy out
        // saves an estimated 5 incompressible bytes per node in every tree a backup rewrites.
        if (node.ctimeSeconds() != node.mtimeSeconds() || node.ctimeNanos() != node.mtimeNanos()) {
            writeTime(out, "ctime", node.ctimeSeconds(), node.ctimeNanos());
        }
        out.writeNumberField("ino", node.inode());
        out.writeNumberField("dev", node.device());
        out.writeNumberField("nlink", node.links());
        if (node.rdev() != 0) {
            out.writeNumberField("rdev", node.rdev());
        }
        if (node.type() == EntryType.FILE) {
            out.writeNumberField("size", node.size());
            writeContent(out, node.content());
        }
        if (node.subtree() != null) {
            out.writeFieldName("subtree");
            out.writeBinary(node.subtree().toBytes());
        }
        if (node.linkTarget() != null) {
            out.writeFieldName("target");
            out.writeBinary(node.linkTarget());
        }
        writeXattrs(out, node.xattrs());
        if (node.changed()) {
            out.writeBooleanField("changed", true);
        }
        out.writeEndObject();
    }

    private static void writeTime(JsonGenerator out, String field, long seconds, int nanos) throws IOException {
        out.writeArrayFieldStart(field);
        out.writeNumber(seconds);
        out.writeNumber(nanos);
        out.writeEndArray();
    }

    private static void writeContent(JsonGenerator out, List<ContentPart> content) throws IOException {
        out.writeArrayFieldStart("content");
        for (ContentPart part : content) {
            if (part.isHole()) {
                out.writeNumber(part.holeLength());
            } else {
                out.writeBinary(part.blob().toBytes());
            }
        }
        out.writeEndArray();
    }

    private static void writeXattrs(JsonGenerator out, List<ExtendedAttribute> xattrs) throws IOException {
        if (xattrs.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart("xattrs");
        for (ExtendedAttribute xattr : xattrs) {
            out.writeStartArray();
            out.writeBinary(xattr.name());
            out.writeBinary(xattr.value());
            out.writeEndArray();
        }
        out.writeEndArray();
    }

    /** Reads one node. The parser must be positioned on the node's START_OBJECT. */
    static Node read(JsonParser in) throws IOException, TreeFormatException {
        Builder b = new Builder();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken token = in.nextToken();
            readField(in, token, field, b);
        }
        return b.build();
    }

    private static void readField(JsonParser in, JsonToken token, String field, Builder b)
            throws IOException, TreeFormatException {
        switch (field) {
            case "name" -> b.name = readBytes(in, token, field);
            case "type" -> b.type = TreeCodec.typeOf(readString(in, token, field));
            case "mode" -> b.mode = readInt(in, token, field);
            case "uid" -> b.uid = readInt(in, token, field);
            case "gid" -> b.gid = readInt(in, token, field);
            case "user" -> b.user = readString(in, token, field);
            case "group" -> b.group = readString(in, token, field);
            case "mtime" -> b.mtime = readTime(in, token, field);
            case "atime" -> b.atime = readTime(in, token, field);
            case "ctime" -> b.ctime = readTime(in, token, field);
            case "ino" -> b.inode = readLong(in, token, field);
            case "dev" -> b.device = readLong(in, token, field);
            case "nlink" -> b.links = readLong(in, token, field);
            case "rdev" -> b.rdev = readLong(in, token, field);
            case "size" -> b.size = readLong(in, token, field);
            case "content" -> b.content = readContent(in, token);
            case "subtree" -> b.subtree = TreeCodec.blobId(readBytes(in, token, field), field);
            case "target" -> b.target = readBytes(in, token, field);
            case "xattrs" -> b.xattrs = readXattrs(in, token);
            case "changed" -> b.changed = token == JsonToken.VALUE_TRUE;
            default -> in.skipChildren();
        }
    }

    static int readInt(JsonParser in, JsonToken token, String field) throws IOException, TreeFormatException {
        long value = readLong(in, token, field);
        if (value < Integer.MIN_VALUE || value > 0xffffffffL) {
            throw new TreeFormatException("tree field " + field + " is out of range: " + value);
        }
        return (int) value;
    }

    static long readLong(JsonParser in, JsonToken token, String field) throws IOException, TreeFormatException {
        if (token != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new TreeFormatException("tree field " + field + " must be a 64-bit integer");
        }
        return in.getLongValue();
    }

    private static String readString(JsonParser in, JsonToken token, String field)
            throws IOException, TreeFormatException {
        if (token != JsonToken.VALUE_STRING) {
            throw new TreeFormatException("tree field " + field + " must be text");
        }
        // Jackson's CBOR parser (2.21) decodes UTF-8-encoded surrogates to unpaired chars, which
        // its generator then refuses to write, so such a tree could not be encoded again.
        String text = in.getText();
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new TreeFormatException("tree field " + field + " is not valid UTF-8");
        }
        return text;
    }

    private static byte[] readBytes(JsonParser in, JsonToken token, String field)
            throws IOException, TreeFormatException {
        if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new TreeFormatException("tree field " + field + " must be a byte string");
        }
        return in.getBinaryValue();
    }

    private static long[] readTime(JsonParser in, JsonToken token, String field)
            throws IOException, TreeFormatException {
        TreeCodec.expect(token, JsonToken.START_ARRAY, field);
        long seconds = readLong(in, in.nextToken(), field);
        long nanos = readLong(in, in.nextToken(), field);
        if (nanos < 0 || nanos > 999_999_999) {
            throw new TreeFormatException("tree field " + field + " has nanoseconds " + nanos);
        }
        TreeCodec.expect(in.nextToken(), JsonToken.END_ARRAY, field);
        return new long[] {seconds, nanos};
    }

    private static List<ContentPart> readContent(JsonParser in, JsonToken token) throws IOException, TreeFormatException {
        TreeCodec.expect(token, JsonToken.START_ARRAY, "content");
        List<ContentPart> parts = new ArrayList<>();
        for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
            if (item == JsonToken.VALUE_NUMBER_INT) {
                long hole = readLong(in, item, "content");
                if (hole <= 0) {
                    throw new TreeFormatException("tree content has a hole of " + hole + " bytes");
                }
                parts.add(ContentPart.hole(hole));
            } else {
                parts.add(ContentPart.blob(TreeCodec.blobId(readBytes(in, item, "content"), "content")));
            }
        }
        return parts;
    }

    private static List<ExtendedAttribute> readXattrs(JsonParser in, JsonToken token)
            throws IOException, TreeFormatException {
        TreeCodec.expect(token, JsonToken.START_ARRAY, "xattrs");
        List<ExtendedAttribute> xattrs = new ArrayList<>();
        for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
            TreeCodec.expect(item, JsonToken.START_ARRAY, "xattrs");
            byte[] name = readBytes(in, in.nextToken(), "xattrs");
            byte[] value = readBytes(in, in.nextToken(), "xattrs");
            TreeCodec.expect(in.nextToken(), JsonToken.END_ARRAY, "xattrs");
            xattrs.add(new ExtendedAttribute(name, value));
        }
        return xattrs;
    }

    /** Collects fields in any order, then checks the node as a whole. */
    private static final class Builder {
        byte[] name;
        EntryType type;
        int mode;
        int uid;
        int gid;
        String user;
        String group;
        long[] mtime = {0, 0};
        long[] atime;
        long[] ctime;
        long inode;
        long device;
        long links;
        long rdev;
        long size;
        List<ContentPart> content = List.of();
        BlobId subtree;
        byte[] target;
        List<ExtendedAttribute> xattrs = List.of();
        boolean changed;

        Node build() throws TreeFormatException {
            if (atime == null) {
                atime = mtime;
            }
            if (ctime == null) {
                ctime = mtime;
            }
            if (name == null || name.length == 0 || type == null) {
                throw new TreeFormatException("tree node lacks a name or a type");
            }
            for (byte b : name) {
                if (b == '/' || b == 0) {
                    throw new TreeFormatException("tree node name contains '/' or NUL");
                }
            }
            if (name.length == 1 && name[0] == '.' || name.length == 2 && name[0] == '.' && name[1] == '.') {
                throw new TreeFormatException("tree node is named . or ..");
            }
            if (type == EntryType.DIRECTORY && subtree == null) {
                throw new TreeFormatException("folder node has no subtree");
            }
            if (type == EntryType.SYMLINK && target == null) {
                throw new TreeFormatException("symbolic link node has no target");
            }
            if (size < 0) {
                throw new TreeFormatException("tree node has a negative size");
            }
            return new Node(name, type, mode, uid, gid, user, group, mtime[0], (int) mtime[1], atime[0],
                    (int) atime[1], ctime[0], (int) ctime[1], inode, device, links, rdev, size, content,
                    subtree, target, xattrs, changed);
        }
    }
}
