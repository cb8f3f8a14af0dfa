package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.RepositoryException.Reason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExitCodesTest {

    @ParameterizedTest(name = "{0} -> {1} (opening: {2})")
    @CsvSource({
        "GENERAL,          1,   1",
        "NOT_FOUND,        1,   10",
        "ALREADY_EXISTS,   1,   1",
        "WRONG_PASSPHRASE, 12,  12",
        "DAMAGED_KEY,      12,  12",
        "LOCKED,           11,  11",
        "DAMAGED_DATA,     13,  13",
        "INTERRUPTED,      130, 130",
        "APPEND_ONLY,      15,  15",
    })
    void reason_mapsToItsExitCode(Reason reason, int afterOpen, int whileOpening) {
        assertThat(ExitCodes.forReason(reason)).isEqualTo(afterOpen);
        assertThat(ExitCodes.forOpen(reason)).isEqualTo(whileOpening);
    }

    @Test
    void table_coversEveryReason() {
        Set<Reason> tested = EnumSet.of(Reason.GENERAL, Reason.NOT_FOUND, Reason.ALREADY_EXISTS,
                Reason.WRONG_PASSPHRASE, Reason.DAMAGED_KEY, Reason.LOCKED, Reason.DAMAGED_DATA,
                Reason.INTERRUPTED, Reason.APPEND_ONLY);

        assertThat(tested).containsExactlyInAnyOrder(Reason.values());
    }

    @Test
    void constants_haveTheDocumentedValues() {
        List<Integer> codes = List.of(ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE,
                ExitCodes.PARTIAL_BACKUP, ExitCodes.REPOSITORY_NOT_FOUND,
                ExitCodes.REPOSITORY_LOCKED, ExitCodes.WRONG_PASSPHRASE, ExitCodes.DAMAGED_DATA,
                ExitCodes.BULK_DELETION_STOPPED, ExitCodes.APPEND_ONLY,
                ExitCodes.RESTORE_TEST_FAILED, ExitCodes.INTERRUPTED);

        assertThat(codes).containsExactly(0, 1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 130);
        assertThat(new HashSet<>(codes)).hasSameSizeAs(codes);
    }

    @Test
    void descriptions_listEveryConstantOnce() {
        List<String> constants = Arrays.stream(ExitCodes.class.getFields())
                .map(field -> {
                    try {
                        return Integer.toString(field.getInt(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(ExitCodes.descriptions().keySet())
                .containsExactlyInAnyOrderElementsOf(constants);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReason_mapsToADescribedCode(Reason reason) {
        assertThat(ExitCodes.descriptions())
                .containsKey(Integer.toString(ExitCodes.forReason(reason)))
                .containsKey(Integer.toString(ExitCodes.forOpen(reason)));
    }
}
