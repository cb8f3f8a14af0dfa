package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardLeaseKeyTest {
    @Test
    void shortNames_readableKey() {
        assertThat(GuardService.leaseKey("shop", "orders")).isEqualTo("guard:shop/orders");
    }

    @Test
    void longNames_hashedToCatalogKeyLength() {
        String source = "s".repeat(40);
        String key = GuardService.leaseKey(source, "d".repeat(63));

        assertThat(key).startsWith("guard:").hasSize(64);
        assertThat(GuardService.leaseKey(source, "d".repeat(62))).isNotEqualTo(key);
    }
}
