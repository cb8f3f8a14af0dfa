package dev.holdfast.repository.posix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountsTest {
    private static final int UNUSED_ID = 2_000_000_123;

    private final Accounts accounts = new Accounts();

    @Test
    void rootIsKnown() {
        assertThat(accounts.userName(0)).isEqualTo("root");
        assertThat(accounts.groupName(0)).isEqualTo("root");
        assertThat(accounts.uidOf("root")).hasValue(0);
        assertThat(accounts.gidOf("root")).hasValue(0);
    }

    @Test
    void unknownIdsGiveNull() {
        assertThat(accounts.userName(UNUSED_ID)).isNull();
        assertThat(accounts.groupName(UNUSED_ID)).isNull();
        assertThat(accounts.userName(UNUSED_ID)).as("cached answer").isNull();
    }

    @Test
    void unknownNamesGiveEmpty() {
        assertThat(accounts.uidOf("no-such-user-holdfast")).isEmpty();
        assertThat(accounts.gidOf("no-such-group-holdfast")).isEmpty();
        assertThat(accounts.uidOf("")).isEmpty();
        assertThat(accounts.uidOf("root\0x")).isEmpty();
    }

    @Test
    void namesAndIdsAgree() {
        int uid = accounts.uidOf("daemon").orElseThrow();

        assertThat(accounts.userName(uid)).isEqualTo("daemon");
    }

    @Test
    void isRootMatchesProcessUser() {
        assertThat(Accounts.isRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
