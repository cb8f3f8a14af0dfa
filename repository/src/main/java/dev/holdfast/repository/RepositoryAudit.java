package dev.holdfast.repository;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.audit.AuditTrail;
import dev.holdfast.repository.audit.AuditVerifier;
import dev.holdfast.repository.audit.AuditVerifier.NamedAnchor;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.snapshot.AuditAnchor;
import dev.holdfast.repository.snapshot.Snapshot;
import dev.holdfast.repository.snapshot.SnapshotCodec;
import dev.holdfast.repository.snapshot.SnapshotCodec.SnapshotFormatException;
import dev.holdfast.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The repository's side of the audit trail: recording actions and verifying the chain. */
final class RepositoryAudit {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryAudit.class);

    private final ObjectStore store;
    private final Keyring keyring;
    private final AuditTrail trail;

    RepositoryAudit(ObjectStore store, Keyring keyring, Clock clock) {
        this.store = store;
        this.keyring = keyring;
        this.trail = new AuditTrail(store.provider(), keyring, clock);
    }

    AuditTrail trail() {
        return trail;
    }

    AuditAnchor append(String action, Map<String, String> details) throws RepositoryException {
        return trail.append(action, details);
    }

    /**
     * Appends an entry for an action that has already happened. A failure is logged, not
     * thrown: the action stands, and check shows the gap that a later snapshot exposes.
     */
    void record(String action, Map<String, String> details) {
        try {
            trail.append(action, details);
        } catch (RepositoryException e) {
            LOG.warn("audit trail: {} was done but not recorded: {}", action, e.getMessage());
        }
    }

    /** Returns the newest entry, or null when the trail is empty. */
    AuditAnchor head() throws StorageException {
        return trail.head().orElse(null);
    }

    /** Verifies the chain and the anchors of every readable snapshot. */
    AuditVerifier.Result verify() throws RepositoryException {
        try {
            return AuditVerifier.verify(trail, anchors());
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "reading the audit trail failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the anchor of every snapshot that names one. A snapshot that cannot be read is
     * skipped here, because check reports it as damaged anyway.
     */
    private List<NamedAnchor> anchors() throws StorageException {
        List<NamedAnchor> anchors = new ArrayList<>();
        for (String name : store.list(ObjectKind.SNAPSHOT)) {
            try {
                Snapshot snapshot = SnapshotCodec.open(keyring,
                        store.get(ObjectKind.SNAPSHOT, name));
                if (snapshot.audit() != null) {
                    anchors.add(new NamedAnchor("snapshot " + name.substring(0, 8),
                            snapshot.audit()));
                }
            } catch (DamagedObjectException | SnapshotFormatException e) {
                LOG.debug("audit trail: snapshot {} is unreadable, its anchor is skipped: {}",
                        name, e.getMessage());
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return anchors;
    }
}
