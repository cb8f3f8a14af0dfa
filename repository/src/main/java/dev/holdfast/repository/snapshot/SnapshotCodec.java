package dev.holdfast.repository.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Seals snapshots as CBOR maps and opens them again, checking required fields. */
public final class SnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SnapshotCodec() {
    }

    public static byte[] seal(Keyring keyring, Snapshot snapshot) {
        try {
            return Sealer.sealObject(keyring, Purpose.SNAPSHOT, new byte[0], MAPPER.writeValueAsBytes(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a snapshot in memory failed", e);
        }
    }

    public static Snapshot open(Keyring keyring, byte[] sealed) throws SnapshotFormatException {
        byte[] plain;
        try {
            plain = Opener.openObject(keyring, Purpose.SNAPSHOT, new byte[0], sealed);
        } catch (AuthenticationFailedException e) {
            throw new SnapshotFormatException("snapshot failed authentication: " + e.getMessage());
        }
        return decode(plain);
    }

    public static Snapshot decode(byte[] plain) throws SnapshotFormatException {
        Snapshot snapshot;
        try {
            snapshot = MAPPER.readValue(plain, Snapshot.class);
        } catch (IOException | RuntimeException e) {
            throw new SnapshotFormatException("snapshot is not a valid CBOR map: " + e.getMessage());
        }
        if (snapshot == null || snapshot.v() != 1) {
            throw new SnapshotFormatException("snapshot version is not 1");
        }
        if (snapshot.tree() == null || snapshot.tree().length != 32 || snapshot.time() == null) {
            throw new SnapshotFormatException("snapshot lacks its tree ID or time");
        }
        if (snapshot.audit() != null && !snapshot.audit().valid()) {
            throw new SnapshotFormatException("snapshot names an audit entry without a positive "
                    + "sequence number and a 32-byte hash");
        }
        if (!isValidText(snapshot)) {
            throw new SnapshotFormatException("snapshot contains text that is not valid UTF-8");
        }
        return snapshot;
    }

    /**
     * Returns whether every text field is valid UTF-16, so valid UTF-8 once encoded. Jackson's
     * CBOR parser (2.21) decodes UTF-8-encoded surrogates to unpaired chars, and a snapshot
     * holding them cannot be sealed again.
     */
    private static boolean isValidText(Snapshot snapshot) {
        Stream<String> single = Stream.of(snapshot.time(), snapshot.host(), snapshot.user(),
                snapshot.parent());
        Stream<String> listed = Stream.of(snapshot.paths(), snapshot.tags(), snapshot.changed(),
                snapshot.warnings()).filter(Objects::nonNull).flatMap(List::stream);
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        return Stream.concat(single, listed).filter(Objects::nonNull).allMatch(utf8::canEncode);
    }

    /** Bytes that are not a valid snapshot. */
    public static final class SnapshotFormatException extends Exception {
        public SnapshotFormatException(String message) {
            super(message);
        }
    }
}
