package dev.holdfast.repository.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTrailKeysTest {
    @Test
    void key_zeroPaddedTo20Digits() {
        assertThat(AuditTrail.key(7)).isEqualTo("audit/00000000000000000007");
        assertThat(AuditTrail.key(Long.MAX_VALUE)).isEqualTo("audit/09223372036854775807");
    }

    @Test
    void seqOf_readsOwnKeys() {
        assertThat(AuditTrail.seqOf(AuditTrail.key(42))).isEqualTo(42);
    }

    @Test
    void seqOf_otherKeys_minusOne() {
        assertThat(AuditTrail.seqOf("audit/7")).isEqualTo(-1);
        assertThat(AuditTrail.seqOf("audit/0000000000000000000x")).isEqualTo(-1);
        assertThat(AuditTrail.seqOf("audit/00000000000000000000")).isEqualTo(-1);
        assertThat(AuditTrail.seqOf("audit/99999999999999999999")).isEqualTo(-1);
        assertThat(AuditTrail.seqOf("snapshots/00000000000000000001")).isEqualTo(-1);
    }
}
