package dev.holdfast.repository.audit;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;

/**
 * Seals audit entries and opens them again. An entry is sealed like a snapshot with the
 * additional data {@code audit}, so neither a snapshot nor a replication record opens as an
 * entry, nor an entry as either of them.
 */
public final class AuditCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final byte[] ADDITIONAL_DATA = "audit".getBytes(StandardCharsets.US_ASCII);

    private AuditCodec() {
    }

    public static byte[] seal(Keyring keyring, AuditEntry entry) {
        try {
            return Sealer.sealObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA,
                    MAPPER.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an audit entry in memory failed", e);
        }
    }

    public static AuditEntry open(Keyring keyring, byte[] sealed) throws AuditFormatException {
        byte[] plain;
        try {
            plain = Opener.openObject(keyring, Purpose.SNAPSHOT, ADDITIONAL_DATA, sealed);
        } catch (AuthenticationFailedException e) {
            throw new AuditFormatException("audit entry failed authentication: "
                    + e.getMessage());
        }
        return decode(plain);
    }

    public static AuditEntry decode(byte[] plain) throws AuditFormatException {
        AuditEntry entry;
        try {
            entry = MAPPER.readValue(plain, AuditEntry.class);
        } catch (IOException | RuntimeException e) {
            throw new AuditFormatException("audit entry is not a valid CBOR map: "
                    + e.getMessage());
        }
        if (entry == null || entry.v() != AuditEntry.VERSION) {
            throw new AuditFormatException("audit entry version is not 1");
        }
        if (entry.seq() < 1) {
            throw new AuditFormatException("audit entry sequence number " + entry.seq()
                    + " is not positive");
        }
        if (entry.prev() == null || entry.prev().length != AuditEntry.HASH_LENGTH) {
            throw new AuditFormatException("audit entry lacks the 32-byte hash of the entry "
                    + "before it");
        }
        checkText(entry);
        return entry;
    }

    private static void checkText(AuditEntry entry) throws AuditFormatException {
        if (entry.host() == null || entry.user() == null || entry.action() == null
                || entry.action().isEmpty() || entry.details() == null) {
            throw new AuditFormatException("audit entry lacks its host, user, action or "
                    + "details");
        }
        try {
            Instant.parse(entry.time() == null ? "" : entry.time());
        } catch (DateTimeParseException e) {
            throw new AuditFormatException("audit entry time is not an ISO-8601 instant: "
                    + e.getMessage());
        }
        // Jackson's CBOR parser decodes UTF-8-encoded surrogates to unpaired chars, and an
        // entry holding them could not be sealed again.
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        Stream<String> details = entry.details().entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue()));
        boolean valid = Stream.concat(Stream.of(entry.time(), entry.host(), entry.user(),
                entry.action()), details).allMatch(text -> text != null && utf8.canEncode(text));
        if (!valid) {
            throw new AuditFormatException("audit entry contains a missing detail or text "
                    + "that is not valid UTF-8");
        }
    }

    /** Bytes that are not a valid audit entry. */
    public static final class AuditFormatException extends Exception {
        public AuditFormatException(String message) {
            super(message);
        }
    }
}
