package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New repositories chunk with cut rule 2, and repositories whose config predates the rule keep
 * rule 1, so their boundaries and deduplication stay as they were. The chunker seed is secret,
 * so the rule is recognized by the share of short chunks. With chunks of 4 KiB to 64 KiB around
 * 16 KiB, rule 2 tests lengths up to 10 KiB against a mask of 14 bits and ends about 31% of
 * chunks below 10 KiB. Rule 1 tests them against 16 bits and ends about 9% there. With about
 * 450 chunks, the thresholds below lie more than four standard deviations from both.
 */
class CutRuleTest {
    private static final int SHORT = 10 * 1024;

    @TempDir
    Path temp;

    @Test
    void newRepository_chunksWithRule2() throws Exception {
        Path source = randomFile(temp.resolve("source"));

        try (Repository repository = TestRepositories.create(temp.resolve("repository"),
                TestRepositories.SMALL_CHUNKS)) {
            TestRepositories.backup(repository, source);

            assertThat(shareOfShortChunks(repository)).isGreaterThan(0.22);
        }
    }

    @Test
    void repositoryFromBeforeRule2_keepsRule1() throws Exception {
        Path source = randomFile(temp.resolve("source"));

        try (Repository repository = FormatV1Fixture.openCopy(temp.resolve("repository"))) {
            List<IndexEntry> before = TestRepositories.entries(repository, BlobType.DATA);
            TestRepositories.backup(repository, source);
            List<IndexEntry> after = TestRepositories.entries(repository, BlobType.DATA);
            List<IndexEntry> added = after.subList(before.size(), after.size());

            assertThat(shareOfShort(added)).isLessThan(0.16);
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }
    }

    private static double shareOfShortChunks(Repository repository) {
        return shareOfShort(TestRepositories.entries(repository, BlobType.DATA));
    }

    /** Returns the share of chunks below 10 KiB, leaving out the file's last chunk, which is cut short. */
    private static double shareOfShort(List<IndexEntry> entries) {
        assertThat(entries).hasSizeGreaterThan(300);
        long shortOnes = entries.stream().filter(entry -> entry.blob().plainLength() < SHORT).count();
        return (shortOnes - 1.0) / (entries.size() - 1);
    }

    private static Path randomFile(Path folder) throws Exception {
        Files.createDirectories(folder);
        byte[] content = new byte[8 << 20];
        new Random(5).nextBytes(content);
        return Files.write(folder.resolve("random.bin"), content);
    }
}
