package dev.holdfast.repository.check;

import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.MasterKey;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexFile.IndexFormatException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.retention.DeletionRecords;
import dev.holdfast.repository.snapshot.ReplicationRecords;
import dev.holdfast.repository.snapshot.ReplicationRecords.RecordFormatException;
import dev.holdfast.repository.snapshot.SnapshotCodec;
import dev.holdfast.repository.snapshot.SnapshotCodec.SnapshotFormatException;
import dev.holdfast.storage.ContentCheck;

/**
 * Checks of sealed objects beyond the hash of their bytes: each one is opened with the
 * repository's keys. A hash only shows that the bytes match their name, and a provider can
 * store made-up bytes under the name they hash to. Only the seal shows who wrote them.
 */
public final class SealedObjectCheck {
    private final Keyring keyring;
    private final MasterKey masterKey;
    private final PackVerifier packs;

    public SealedObjectCheck(Keyring keyring, MasterKey masterKey) {
        this.keyring = keyring;
        this.masterKey = masterKey;
        this.packs = new PackVerifier(keyring);
    }

    /**
     * Returns the check of the object stored under {@code key}, or {@link ContentCheck#NONE}
     * for keys of objects without a seal of this kind (config objects and key slots, which are
     * checked when they are decoded).
     */
    public ContentCheck forKey(String key) {
        if (key.startsWith(ObjectKind.PACK.prefix())) {
            return packs::problem;
        }
        if (key.startsWith(ObjectKind.INDEX.prefix())) {
            return this::indexProblem;
        }
        if (key.startsWith(ObjectKind.SNAPSHOT.prefix())) {
            return this::snapshotProblem;
        }
        if (key.startsWith(ObjectKind.KEYRING.prefix())) {
            return this::keyringProblem;
        }
        if (key.startsWith(ObjectKind.REPLICATED.prefix())) {
            return this::recordProblem;
        }
        if (key.startsWith(ObjectKind.DELETED.prefix())) {
            return this::deletionRecordProblem;
        }
        return ContentCheck.NONE;
    }

    private String indexProblem(byte[] bytes) {
        try {
            IndexFile.open(keyring, bytes);
            return null;
        } catch (IndexFormatException e) {
            return e.getMessage();
        }
    }

    private String snapshotProblem(byte[] bytes) {
        try {
            SnapshotCodec.open(keyring, bytes);
            return null;
        } catch (SnapshotFormatException e) {
            return e.getMessage();
        }
    }

    private String keyringProblem(byte[] bytes) {
        try {
            Keyring.open(masterKey, bytes).close();
            return null;
        } catch (AuthenticationFailedException e) {
            return "keyring failed authentication: " + e.getMessage();
        }
    }

    private String deletionRecordProblem(byte[] bytes) {
        try {
            DeletionRecords.open(keyring, bytes);
            return null;
        } catch (DeletionRecords.RecordFormatException e) {
            return e.getMessage();
        }
    }

    private String recordProblem(byte[] bytes) {
        try {
            ReplicationRecords.open(keyring, bytes);
            return null;
        } catch (RecordFormatException e) {
            return e.getMessage();
        }
    }
}
