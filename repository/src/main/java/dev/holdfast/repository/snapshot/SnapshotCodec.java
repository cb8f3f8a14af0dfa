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
        return snapshot;
    }

    /** Bytes that are not a valid snapshot. */
    public static final class SnapshotFormatException extends Exception {
        public SnapshotFormatException(String message) {
            super(message);
        }
    }
}
