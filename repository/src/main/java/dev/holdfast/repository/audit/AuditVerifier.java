package dev.holdfast.repository.audit;

import dev.holdfast.repository.CheckReport.Problem;
import dev.holdfast.repository.audit.AuditCodec.AuditFormatException;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.snapshot.AuditAnchor;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies the audit trail: every entry opens, contains the sequence number of its key and
 * chains onto the entry before it, no number is missing from 1 to the newest, and every
 * entry that a snapshot names is stored with the hash that the snapshot recorded.
 */
public final class AuditVerifier {
    private final AuditTrail trail;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Listed> entries = new ArrayList<>();
    private final Map<Long, byte[]> hashes = new HashMap<>();

    private AuditVerifier(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * An audit entry as listed: the entry, or null with the reason when it does not open.
     *
     * @param hash SHA-256 of the stored bytes that were read
     */
    public record Listed(long seq, AuditEntry entry, String damage, byte[] hash) {
        public String key() {
            return AuditTrail.key(seq);
        }
    }

    /** An audit anchor and the snapshot that recorded it. */
    public record NamedAnchor(String snapshotKey, AuditAnchor anchor) {
    }

    /**
     * The outcome: the entries, oldest first, and every problem, each naming the entry's key.
     */
    public record Result(List<Listed> entries, List<Problem> problems) {
        public Result {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }

        /** Returns whether the chain and every anchor hold. */
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads and verifies the whole trail against the anchors that snapshots recorded.
     *
     * @throws StorageException when the trail cannot be listed or an entry cannot be read
     */
    public static Result verify(AuditTrail trail, List<NamedAnchor> anchors)
            throws StorageException {
        AuditVerifier verifier = new AuditVerifier(trail);
        List<Long> sequences = trail.sequences();
        verifier.walkChain(sequences);
        for (NamedAnchor anchor : anchors) {
            verifier.checkAnchor(anchor, sequences);
        }
        verifier.problems.sort((a, b) -> a.object().compareTo(b.object()));
        return new Result(verifier.entries, verifier.problems);
    }

    private void walkChain(List<Long> sequences) throws StorageException {
        long expected = 1;
        byte[] prev = new byte[AuditEntry.HASH_LENGTH];
        for (long seq : sequences) {
            if (seq > expected) {
                reportGap(expected, seq);
                prev = null;
            }
            // After a gap or a damaged entry the prev hash is unknown, so the next entry is
            // not blamed for what the one before it lost.
            prev = read(seq, prev);
            expected = seq + 1;
        }
    }

    private void reportGap(long first, long next) {
        String range = next - first == 1 ? "entry " + first
                : "entries " + first + " to " + (next - 1);
        problems.add(new Problem(AuditTrail.key(first), "audit " + range + " missing: the "
                + "trail goes from entry " + (first - 1) + " to entry " + next
                + ", so an entry was removed"));
    }

    /** Reads entry {@code seq}; returns its hash when it chains, null when it is damaged. */
    private byte[] read(long seq, byte[] prev) throws StorageException {
        String key = AuditTrail.key(seq);
        try {
            byte[] bytes = trail.read(seq, trail.opensAs(seq, prev));
            byte[] hash = ObjectStore.sha256(bytes);
            entries.add(new Listed(seq, open(bytes), null, hash));
            hashes.put(seq, hash);
            return hash;
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                problems.add(new Problem(key, "audit entry was listed but is gone"));
                return null;
            }
            if (e.kind() != StorageException.Kind.DAMAGED) {
                throw e;
            }
            problems.add(new Problem(key, "audit entry is damaged: " + e.detail()));
            byte[] bytes = trail.provider().get(key);
            byte[] hash = ObjectStore.sha256(bytes);
            hashes.put(seq, hash);
            AuditEntry entry = openOrNull(bytes);
            entries.add(new Listed(seq, entry, e.detail(), hash));
            return null;
        }
    }

    private AuditEntry open(byte[] bytes) throws StorageException {
        try {
            return AuditCodec.open(trail.keyring(), bytes);
        } catch (AuditFormatException e) {
            throw new IllegalStateException("an audit entry that passed its check does not "
                    + "open: " + e.getMessage(), e);
        }
    }

    private AuditEntry openOrNull(byte[] bytes) {
        try {
            return AuditCodec.open(trail.keyring(), bytes);
        } catch (AuditFormatException e) {
            return null;
        }
    }

    private void checkAnchor(NamedAnchor named, List<Long> sequences) throws StorageException {
        AuditAnchor anchor = named.anchor();
        String key = AuditTrail.key(anchor.seq());
        String snapshot = named.snapshotKey();
        boolean reported = problems.stream().anyMatch(p -> p.object().equals(key));
        if (reported) {
            // The entry's own problem already names it, and one line per key is easier to read.
            return;
        }
        if (!sequences.contains(anchor.seq())) {
            problems.add(new Problem(key, "audit entry is missing, but " + snapshot
                    + " names it as the newest entry when the snapshot was written, so the "
                    + "entry was removed"));
            return;
        }
        if (anchor.matches(hashes.get(anchor.seq()))) {
            return;
        }
        try {
            // Another copy on a replicated provider may be the one the snapshot names.
            trail.read(anchor.seq(), bytes -> anchor.matches(ObjectStore.sha256(bytes))
                    ? null : "SHA-256 differs from the one that " + snapshot + " recorded");
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.DAMAGED
                    && e.kind() != StorageException.Kind.NOT_FOUND) {
                throw e;
            }
            problems.add(new Problem(key, "audit entry differs from the one that " + snapshot
                    + " names (SHA-256 " + HexFormat.of().formatHex(anchor.hash())
                    + "), so the entry was replaced"));
        }
    }
}
