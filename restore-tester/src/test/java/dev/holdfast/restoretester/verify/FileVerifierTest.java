package dev.holdfast.restoretester.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.restoretester.EntryKind;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreProblem;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Compares a restored file against recorded entries that differ in one property each. */
class FileVerifierTest {
    private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09.123456789Z");
    /** SHA-256 of "hello". */
    private static final String HELLO =
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final FileRestore ONE_FILE = new FileRestore(1, 0, 0, 5, List.of(),
            List.of());

    @TempDir
    Path root;

    @BeforeEach
    void restoredFile() throws IOException {
        Path file = Files.writeString(root.resolve("a.txt"), "hello", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    private static RecordedEntry recorded() {
        return new RecordedEntry("a.txt", true, EntryKind.FILE, 5, 0640, MODIFIED, null, HELLO,
                null);
    }

    static Stream<Arguments> differences() {
        return Stream.of(
                Arguments.of("another hash", "content hashes",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), e.mode(),
                                e.modified(), "00" + HELLO.substring(2), e.path(), e.kind())),
                Arguments.of("another size", "sizes",
                        (UnaryOperator<RecordedEntry>) e -> with(e, 6, e.mode(), e.modified(),
                                e.sha256(), e.path(), e.kind())),
                Arguments.of("another mode", "modes",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), 04640,
                                e.modified(), e.sha256(), e.path(), e.kind())),
                Arguments.of("another time by one nanosecond", "modification times",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), e.mode(),
                                e.modified().plusNanos(1), e.sha256(), e.path(), e.kind())),
                Arguments.of("a path that was not restored", "entries present",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), e.mode(),
                                e.modified(), e.sha256(), "b.txt", e.kind())),
                Arguments.of("another kind", "entries present",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), e.mode(),
                                e.modified(), null, e.path(), EntryKind.DIRECTORY)),
                Arguments.of("a path outside the target", "entries present",
                        (UnaryOperator<RecordedEntry>) e -> with(e, e.size(), e.mode(),
                                e.modified(), e.sha256(), "../a.txt", e.kind())));
    }

    private static RecordedEntry with(RecordedEntry e, long size, int mode, Instant modified,
            String hash, String path, EntryKind kind) {
        return new RecordedEntry(path, true, kind, size, mode, modified, null, hash, null);
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("differences")
    void checks_oneDifference_failsOneCheck(String description, String failing,
            UnaryOperator<RecordedEntry> change) throws IOException {
        FileVerifier verifier = new FileVerifier(root);
        verifier.accept(change.apply(recorded()));

        List<Check> failed = verifier.checks(ONE_FILE).stream()
                .filter(c -> c.status() == CheckStatus.FAILED).toList();

        assertThat(failed).extracting(Check::name).as(description)
                .contains(failing).allMatch(name -> name.equals(failing)
                        || name.equals("file and byte totals"));
        Check check = failed.stream().filter(c -> c.name().equals(failing)).findFirst()
                .orElseThrow();
        assertThat(check.examples()).singleElement().asString().isNotBlank();
        assertThat(check.nextStep()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void checks_identicalEntry_passesEveryCheck() throws IOException {
        FileVerifier verifier = new FileVerifier(root);
        verifier.accept(recorded());

        assertThat(verifier.checks(ONE_FILE)).extracting(Check::status)
                .doesNotContain(CheckStatus.FAILED);
    }

    @org.junit.jupiter.api.Test
    void checks_extraRestoredFile_failsTotals() throws IOException {
        Files.writeString(root.resolve("extra.txt"), "not in the snapshot");
        FileVerifier verifier = new FileVerifier(root);
        verifier.accept(recorded());

        Check totals = verifier.checks(ONE_FILE).stream()
                .filter(c -> c.name().equals("file and byte totals")).findFirst().orElseThrow();

        assertThat(totals.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(totals.reason()).isEqualTo("the snapshot recorded 1 file of 5 bytes, the "
                + "restored tree holds 2 files of 24 bytes");
    }

    @org.junit.jupiter.api.Test
    void checks_unreadableContent_namesDamagedPack() throws IOException {
        String pack = "data/3f/3f2a" + "0".repeat(60);
        FileVerifier verifier = new FileVerifier(root);
        verifier.accept(new RecordedEntry("a.txt", true, EntryKind.FILE, 5, 0640, MODIFIED,
                null, null, new RestoreProblem("a.txt", "pack " + pack + ": authentication "
                        + "failed", true, pack)));

        Check readable = verifier.checks(ONE_FILE).stream()
                .filter(c -> c.name().equals("content readable from the repository"))
                .findFirst().orElseThrow();

        assertThat(readable.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(readable.nextStep()).startsWith("pack 3f2a0000")
                .contains("holdfast check --read-data, then holdfast repair");
    }
}
