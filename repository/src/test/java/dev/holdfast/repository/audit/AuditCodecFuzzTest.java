package dev.holdfast.repository.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.audit.AuditCodec.AuditFormatException;

/**
 * Fuzzes the audit entry parser: any bytes give an entry or an {@link AuditFormatException},
 * and every entry that decodes survives sealing and opening unchanged.
 */
class AuditCodecFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) throws AuditFormatException {
        AuditEntry entry;
        try {
            entry = AuditCodec.decode(plain);
        } catch (AuditFormatException expected) {
            assertThat(expected.getMessage()).startsWith("audit entry");
            return;
        }
        assertResealsToSame(entry);
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void open(byte[] data) throws AuditFormatException {
        try {
            assertResealsToSame(AuditCodec.open(FuzzSupport.KEYRING, data));
        } catch (AuditFormatException expected) {
            assertThat(expected.getMessage()).startsWith("audit entry");
        }
    }

    private static void assertResealsToSame(AuditEntry entry) throws AuditFormatException {
        byte[] sealed = AuditCodec.seal(FuzzSupport.KEYRING, entry);
        assertThat(AuditCodec.open(FuzzSupport.KEYRING, sealed)).isEqualTo(entry);
    }
}
