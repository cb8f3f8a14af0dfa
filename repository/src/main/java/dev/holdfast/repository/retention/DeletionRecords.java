package dev.holdfast.repository.retention;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads deletion records. A record is sealed like a snapshot but with its own
 * additional data, so no snapshot or replication record opens as a deletion record, nor the
 * other way round.
 */
public final class DeletionRecords {
    private static final Logger LOG = LoggerFactory.getLogger(DeletionRecords.class);
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final byte[] ADDITIONAL_DATA = "deleted".getBytes(StandardCharsets.US_ASCII);
    /** Always nine fraction digits, so records of one second sort by their text as well. */
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final Keyring keyring;

    public DeletionRecords(ObjectStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    /** The authentic records, and the names of those that could not be read. */
    public record Listing(List<StoredRecord> records, List<String> damaged) {
        public Listing {
            records = List.copyOf(records);
            damaged = List.copyOf(damaged);
        }
    }

    /** Seals and stores a record; returns it as stored. */
    public StoredRecord write(DeletionRecord record) throws StorageException {
        String name = store.put(ObjectKind.DELETED, seal(keyring, record));
        return new StoredRecord(name, record, Instant.parse(record.time()));
    }

    /**
     * Reads every record. One that cannot be read or authenticated is listed as damaged and
     * otherwise ignored: the snapshot it names then keeps the state its other records give.
     */
    public Listing list() throws StorageException {
        List<StoredRecord> records = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (String name : store.list(ObjectKind.DELETED)) {
            try {
                DeletionRecord record = open(keyring, store.get(ObjectKind.DELETED, name));
                records.add(new StoredRecord(name, record, Instant.parse(record.time())));
            } catch (DamagedObjectException | RecordFormatException e) {
                LOG.warn("deletion record {} is unreadable, ignoring it: {}",
                        ObjectKind.DELETED.key(name), e.getMessage());
                damaged.add(name);
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.NOT_FOUND) {
                    throw e;
                }
                // Removed by prune between the listing and the read.
            }
        }
        Collections.sort(damaged);
        return new Listing(records, damaged);
    }

    /** Formats {@code time} as records store it: UTC with nine fraction digits. */
    public static String format(Instant time) {
        return TIME.format(time);
    }

    public static byte[] seal(Keyring keyring, DeletionRecord record) {
        try {
            return Sealer.sealObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA,
                    MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a deletion record in memory failed", e);
        }
    }

    public static DeletionRecord open(Keyring keyring, byte[] sealed)
            throws RecordFormatException {
        byte[] plain;
        try {
            plain = Opener.openObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA, sealed);
        } catch (AuthenticationFailedException e) {
            throw new RecordFormatException("deletion record failed authentication: "
                    + e.getMessage());
        }
        return decode(plain);
    }

    public static DeletionRecord decode(byte[] plain) throws RecordFormatException {
        DeletionRecord record;
        try {
            record = MAPPER.readValue(plain, DeletionRecord.class);
        } catch (IOException | RuntimeException e) {
            throw new RecordFormatException("deletion record is not a valid CBOR map: "
                    + e.getMessage());
        }
        if (record == null || record.v() != 1) {
            throw new RecordFormatException("deletion record version is not 1");
        }
        if (record.snapshot() == null || record.snapshot().length != 32) {
            throw new RecordFormatException("deletion record lacks a 32-byte snapshot ID");
        }
        if (!DeletionRecord.FORGET.equals(record.action())
                && !DeletionRecord.UNDELETE.equals(record.action())) {
            throw new RecordFormatException("deletion record action is neither \"forget\" nor "
                    + "\"undelete\"");
        }
        try {
            Instant.parse(record.time() == null ? "" : record.time());
        } catch (DateTimeParseException e) {
            throw new RecordFormatException("deletion record time is not an ISO-8601 instant: "
                    + e.getMessage());
        }
        if (!isValidText(record)) {
            throw new RecordFormatException("deletion record contains text that is not valid "
                    + "UTF-8");
        }
        return record;
    }

    /**
     * Returns whether every text is valid UTF-16, so valid UTF-8 once encoded: Jackson's CBOR
     * parser decodes UTF-8-encoded surrogates to unpaired chars, which cannot be sealed again.
     */
    private static boolean isValidText(DeletionRecord record) {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        return Stream.of(record.host(), record.user(), record.reason())
                .filter(Objects::nonNull).allMatch(utf8::canEncode);
    }

    /** Bytes that are not a valid deletion record. */
    public static final class RecordFormatException extends Exception {
        public RecordFormatException(String message) {
            super(message);
        }
    }
}
