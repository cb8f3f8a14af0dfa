package dev.holdfast.repository.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.snapshot.SnapshotCodec.SnapshotFormatException;

/**
 * Fuzzes {@link SnapshotCodec}: any bytes give a snapshot or a {@link SnapshotFormatException},
 * and every snapshot that decodes survives sealing and opening unchanged.
 */
class SnapshotCodecFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) throws SnapshotFormatException {
        Snapshot snapshot;
        try {
            snapshot = SnapshotCodec.decode(plain);
        } catch (SnapshotFormatException expected) {
            assertThat(expected.getMessage()).startsWith("snapshot");
            return;
        }
        assertResealsToSame(snapshot);
    }

    /** Opens the input as stored, then sealed as snapshot plaintext, which must match decode. */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void open(byte[] data) throws SnapshotFormatException {
        try {
            assertResealsToSame(SnapshotCodec.open(FuzzSupport.KEYRING, data));
        } catch (SnapshotFormatException expected) {
            assertThat(expected.getMessage()).startsWith("snapshot");
        }
        byte[] sealed = FuzzSupport.seal(Purpose.SNAPSHOT, new byte[0], data);
        Snapshot opened = null;
        Snapshot decoded = null;
        String openError = null;
        String decodeError = null;
        try {
            opened = SnapshotCodec.open(FuzzSupport.KEYRING, sealed);
        } catch (SnapshotFormatException e) {
            openError = e.getMessage();
        }
        try {
            decoded = SnapshotCodec.decode(data);
        } catch (SnapshotFormatException e) {
            decodeError = e.getMessage();
        }
        assertThat(openError).isEqualTo(decodeError);
        assertThat(opened).usingRecursiveComparison().isEqualTo(decoded);
    }

    private static void assertResealsToSame(Snapshot snapshot) throws SnapshotFormatException {
        byte[] sealed = SnapshotCodec.seal(FuzzSupport.KEYRING, snapshot);
        Snapshot reopened = SnapshotCodec.open(FuzzSupport.KEYRING, sealed);
        assertThat(reopened).usingRecursiveComparison().isEqualTo(snapshot);
    }
}
