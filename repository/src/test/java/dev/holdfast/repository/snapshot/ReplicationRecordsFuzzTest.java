package dev.holdfast.repository.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.snapshot.ReplicationRecords.RecordFormatException;

/**
 * Fuzzes the replication record parser: any bytes give a record or a
 * {@link RecordFormatException}, and every record that decodes survives sealing and opening
 * unchanged.
 */
class ReplicationRecordsFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) throws RecordFormatException {
        ReplicationRecord record;
        try {
            record = ReplicationRecords.decode(plain);
        } catch (RecordFormatException expected) {
            assertThat(expected.getMessage()).startsWith("replication record");
            return;
        }
        assertResealsToSame(record);
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void open(byte[] data) throws RecordFormatException {
        try {
            assertResealsToSame(ReplicationRecords.open(FuzzSupport.KEYRING, data));
        } catch (RecordFormatException expected) {
            assertThat(expected.getMessage()).startsWith("replication record");
        }
    }

    private static void assertResealsToSame(ReplicationRecord record)
            throws RecordFormatException {
        byte[] sealed = ReplicationRecords.seal(FuzzSupport.KEYRING, record);
        ReplicationRecord reopened = ReplicationRecords.open(FuzzSupport.KEYRING, sealed);
        assertThat(reopened).usingRecursiveComparison().isEqualTo(record);
    }
}
