package dev.holdfast.repository.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.retention.DeletionRecords.RecordFormatException;
import java.time.Instant;

/**
 * Fuzzes the deletion record parser: any bytes give a record or a
 * {@link RecordFormatException}, and every record that decodes survives sealing and opening
 * unchanged, with a time that parses.
 */
class DeletionRecordsFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) throws RecordFormatException {
        DeletionRecord record;
        try {
            record = DeletionRecords.decode(plain);
        } catch (RecordFormatException expected) {
            assertThat(expected.getMessage()).startsWith("deletion record");
            return;
        }
        assertResealsToSame(record);
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void open(byte[] data) throws RecordFormatException {
        try {
            assertResealsToSame(DeletionRecords.open(FuzzSupport.KEYRING, data));
        } catch (RecordFormatException expected) {
            assertThat(expected.getMessage()).startsWith("deletion record");
        }
    }

    private static void assertResealsToSame(DeletionRecord record)
            throws RecordFormatException {
        assertThat(Instant.parse(record.time())).isNotNull();
        byte[] sealed = DeletionRecords.seal(FuzzSupport.KEYRING, record);
        DeletionRecord reopened = DeletionRecords.open(FuzzSupport.KEYRING, sealed);
        assertThat(reopened).usingRecursiveComparison().isEqualTo(record);
    }
}
