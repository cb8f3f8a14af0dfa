package dev.holdfast.repository.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes replication records and finds the snapshots they name. A record is sealed like a
 * snapshot but with its own additional data, so neither kind of object opens as the other.
 */
public final class ReplicationRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRecords.class);
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Additional data of the seal; a snapshot's is empty. */
    private static final byte[] ADDITIONAL_DATA =
            "replicated".getBytes(StandardCharsets.US_ASCII);

    private final ObjectStore store;
    private final Keyring keyring;

    public ReplicationRecords(ObjectStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    /** Stores a record that snapshot {@code snapshotId} met placement at {@code time}. */
    public String write(String snapshotId, Instant time) throws StorageException {
        ReplicationRecord record = new ReplicationRecord(1, Hex.decode(snapshotId),
                time.toString());
        return store.put(ObjectKind.REPLICATED, seal(keyring, record));
    }

    /**
     * Returns the IDs of the snapshots that an authentic record names. A record that cannot be
     * read or authenticated is skipped with a warning: without it, a snapshot keeps its mark.
     */
    public Set<String> snapshotIds() throws StorageException {
        return new HashSet<>(byRecord().values());
    }

    /**
     * Returns the snapshot ID that each authentic record names, by the record's object name.
     * Unreadable records are skipped with a warning, as in {@link #snapshotIds()}.
     */
    public Map<String, String> byRecord() throws StorageException {
        Map<String, String> ids = new HashMap<>();
        for (String name : store.list(ObjectKind.REPLICATED)) {
            try {
                ReplicationRecord record = open(keyring, store.get(ObjectKind.REPLICATED, name));
                ids.put(name, Hex.encode(record.snapshot()));
            } catch (DamagedObjectException | RecordFormatException | StorageException e) {
                LOG.warn("replication record {} is unreadable, ignoring it: {}",
                        ObjectKind.REPLICATED.key(name), e.getMessage());
            }
        }
        return ids;
    }

    public static byte[] seal(Keyring keyring, ReplicationRecord record) {
        try {
            return Sealer.sealObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA,
                    MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a replication record in memory failed", e);
        }
    }

    public static ReplicationRecord open(Keyring keyring, byte[] sealed)
            throws RecordFormatException {
        byte[] plain;
        try {
            plain = Opener.openObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA, sealed);
        } catch (AuthenticationFailedException e) {
            throw new RecordFormatException("replication record failed authentication: "
                    + e.getMessage());
        }
        return decode(plain);
    }

    public static ReplicationRecord decode(byte[] plain) throws RecordFormatException {
        ReplicationRecord record;
        try {
            record = MAPPER.readValue(plain, ReplicationRecord.class);
        } catch (IOException | RuntimeException e) {
            throw new RecordFormatException("replication record is not a valid CBOR map: "
                    + e.getMessage());
        }
        if (record == null || record.v() != 1) {
            throw new RecordFormatException("replication record version is not 1");
        }
        if (record.snapshot() == null || record.snapshot().length != 32) {
            throw new RecordFormatException("replication record lacks a 32-byte snapshot ID");
        }
        try {
            Instant.parse(record.time() == null ? "" : record.time());
        } catch (DateTimeParseException e) {
            throw new RecordFormatException("replication record time is not an ISO-8601 "
                    + "instant: " + e.getMessage());
        }
        return record;
    }

    /** Bytes that are not a valid replication record. */
    public static final class RecordFormatException extends Exception {
        public RecordFormatException(String message) {
            super(message);
        }
    }
}
