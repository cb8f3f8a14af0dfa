package dev.holdfast.repository.audit;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.audit.AuditCodec.AuditFormatException;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.repository.snapshot.AuditAnchor;
import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends entries to the audit trail and reads them back. Entries are stored under
 * {@code audit/} followed by the sequence number as 20 decimal digits, so that listing order
 * is sequence order. Appending takes the newest entry, writes the next number with
 * create-if-absent, and starts again from a fresh listing when another writer took that
 * number first, so concurrent writers keep one chain. Thread-safe.
 *
 * <p>On a {@link ReplicatedProvider}, create-if-absent is atomic on each provider but not
 * across them: two writers racing for one number can each store their entry on some
 * providers. A writer therefore reads every target's copy back and counts the entry as
 * written only when at least the write quorum of targets store its bytes. When the quorum is
 * more than half the targets, at most one writer wins a number. The loser's copies stay on
 * the other providers, so reads of an entry take the copy that most providers store.
 */
public final class AuditTrail {
    public static final String PREFIX = "audit/";
    static final int DIGITS = 20;
    /** How often a writer retries after other writers took the next number first. */
    static final int ATTEMPTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final byte[] NO_ENTRY = new byte[AuditEntry.HASH_LENGTH];

    private final Provider provider;
    private final Keyring keyring;
    private final Clock clock;
    private final String host;
    private final String user;

    public AuditTrail(Provider provider, Keyring keyring, Clock clock) {
        this.provider = provider;
        this.keyring = keyring;
        this.clock = clock;
        this.host = hostName();
        this.user = System.getProperty("user.name", "unknown");
    }

    /** Returns the key of entry {@code seq}, such as {@code audit/00000000000000000001}. */
    public static String key(long seq) {
        return PREFIX + String.format("%0" + DIGITS + "d", seq);
    }

    /** Returns the sequence number in an entry's key, or -1 when the key is not an entry's. */
    static long seqOf(String key) {
        if (!key.startsWith(PREFIX) || key.length() != PREFIX.length() + DIGITS) {
            return -1;
        }
        String digits = key.substring(PREFIX.length());
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            long seq = Long.parseLong(digits);
            return seq >= 1 ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the sequence numbers of the stored entries, ascending. */
    public List<Long> sequences() throws StorageException {
        List<Long> sequences = new ArrayList<>();
        provider.list(PREFIX, info -> {
            long seq = seqOf(info.key());
            if (seq > 0) {
                sequences.add(seq);
            }
        });
        sequences.sort(null);
        return sequences;
    }

    /** Returns the newest entry's number and hash, or empty when the trail has no entry. */
    public Optional<AuditAnchor> head() throws StorageException {
        List<Long> sequences = sequences();
        if (sequences.isEmpty()) {
            return Optional.empty();
        }
        long newest = sequences.getLast();
        return Optional.of(new AuditAnchor(newest, ObjectStore.sha256(readNewest(newest))));
    }

    /**
     * Reads the newest entry, preferring a copy that opens as that entry. When none does,
     * the bytes as stored are returned: the next entry chains onto them, and check reports
     * the damage.
     */
    private byte[] readNewest(long seq) throws StorageException {
        try {
            return read(seq, opensAs(seq, null));
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.DAMAGED) {
                throw e;
            }
            LOG.warn("audit trail: newest entry {} is damaged, chaining onto it as stored: {}",
                    key(seq), e.getMessage());
            return provider.get(key(seq));
        }
    }

    /**
     * Appends one entry and returns its number and hash.
     *
     * @throws RepositoryException when other writers took the next number {@link #ATTEMPTS}
     *     times in a row, or the provider fails
     */
    public AuditAnchor append(String action, Map<String, String> details)
            throws RepositoryException {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<AuditAnchor> head = head();
                long seq = head.map(h -> h.seq() + 1).orElse(1L);
                byte[] prev = head.map(AuditAnchor::hash).orElse(NO_ENTRY);
                AuditEntry entry = new AuditEntry(AuditEntry.VERSION, seq, prev,
                        clock.instant().toString(), host, user, action, details);
                byte[] sealed = AuditCodec.seal(keyring, entry);
                if (store(key(seq), sealed)) {
                    return new AuditAnchor(seq, ObjectStore.sha256(sealed));
                }
                LOG.debug("audit trail: another writer stored {} first, retrying", key(seq));
                pause(attempt);
            }
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "appending \"" + action
                    + "\" to the audit trail failed: " + e.getMessage(), e);
        }
        throw new RepositoryException(Reason.GENERAL, "appending \"" + action + "\" to the "
                + "audit trail failed: other writers took the next entry number " + ATTEMPTS
                + " times in a row; run the command again");
    }

    /**
     * Stores an entry unless the key is taken, and returns whether the stored entry is ours.
     * A put that reports the key as taken may have been our own earlier attempt that timed
     * out after storing, so the stored bytes decide.
     */
    private boolean store(String key, byte[] sealed) throws StorageException {
        provider.putIfAbsent(key, sealed);
        if (provider instanceof ReplicatedProvider replicated) {
            return heldByQuorum(replicated, key, sealed);
        }
        return Arrays.equals(provider.get(key), sealed);
    }

    private static boolean heldByQuorum(ReplicatedProvider replicated, String key,
            byte[] sealed) {
        int matching = 0;
        for (Provider target : replicated.targets()) {
            try {
                if (Arrays.equals(target.get(key), sealed)) {
                    matching++;
                }
            } catch (StorageException e) {
                LOG.debug("audit trail: reading {} back from provider \"{}\" failed: {}", key,
                        target.name(), e.getMessage());
            }
        }
        return matching >= replicated.placement().rules().writeQuorum();
    }

    /** Waits a random few milliseconds, more after each lost race, so racers spread out. */
    private static void pause(int attempt) throws RepositoryException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException(Reason.INTERRUPTED, "interrupted while appending to "
                    + "the audit trail", e);
        }
    }

    /**
     * Reads entry {@code seq} as {@code check} accepts it. On a replicated provider, every
     * provider's copy is read and the copy that most of them store wins, so the copies of a
     * writer that lost a race are never chained onto.
     *
     * @throws StorageException of kind DAMAGED when no copy passes the check
     */
    public byte[] read(long seq, ContentCheck check) throws StorageException {
        String key = key(seq);
        if (!(provider instanceof ReplicatedProvider replicated)) {
            return provider.get(key, check);
        }
        Map<String, byte[]> copies = new java.util.LinkedHashMap<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Provider member : replicated.providers()) {
            try {
                byte[] bytes = member.get(key);
                String problem = check.problem(bytes);
                if (problem != null) {
                    problems.add("\"" + member.name() + "\": " + problem);
                    continue;
                }
                String hash = java.util.HexFormat.of().formatHex(ObjectStore.sha256(bytes));
                copies.putIfAbsent(hash, bytes);
                counts.merge(hash, 1, Integer::sum);
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.NOT_FOUND) {
                    problems.add("\"" + member.name() + "\": " + e.detail());
                }
            }
        }
        if (copies.isEmpty()) {
            StorageException.Kind kind = problems.isEmpty() ? StorageException.Kind.NOT_FOUND
                    : StorageException.Kind.DAMAGED;
            throw new StorageException(kind, provider.name(), "get", key, problems.isEmpty()
                    ? "no provider stores it" : "damaged copy: " + String.join("; ", problems));
        }
        String most = counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        return copies.get(most);
    }

    /**
     * Returns a check that accepts bytes that open as entry {@code seq} and, unless
     * {@code prev} is null, chain onto the entry whose hash is {@code prev}.
     */
    public ContentCheck opensAs(long seq, byte[] prev) {
        return bytes -> {
            AuditEntry entry;
            try {
                entry = AuditCodec.open(keyring, bytes);
            } catch (AuditFormatException e) {
                return e.getMessage();
            }
            if (entry.seq() != seq) {
                return "it holds entry " + entry.seq() + ", not entry " + seq
                        + ": entries were swapped or moved";
            }
            if (prev != null && !Arrays.equals(entry.prev(), prev)) {
                return "its prev hash differs from the SHA-256 of entry " + (seq - 1)
                        + ": an entry before it was replaced";
            }
            return null;
        };
    }

    Keyring keyring() {
        return keyring;
    }

    Provider provider() {
        return provider;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
