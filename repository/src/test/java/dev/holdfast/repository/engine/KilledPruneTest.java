package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.prune.PruneStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A prune process killed with SIGKILL at each step leaves a repository that checks clean,
 * whose remaining snapshots restore, and that the next prune finishes cleaning.
 */
class KilledPruneTest {
    @TempDir
    static Path shared;
    private static Path template;
    private static String removed;
    private static Map<String, Map<String, String>> expected;

    @BeforeAll
    static void buildRepository() throws Exception {
        Path source = Files.createDirectory(shared.resolve("src"));
        template = shared.resolve("template");
        Files.write(source.resolve("a"), Trees.random(1, 160_000));
        Files.write(source.resolve("b"), Trees.random(2, 80_000));
        try (Repository repository = TestRepositories.create(template,
                TestRepositories.SMALL_CHUNKS)) {
            removed = backup(repository, source).snapshotId();
            Files.delete(source.resolve("a"));
            Files.write(source.resolve("c"), Trees.random(3, 150_000));
            String second = backup(repository, source).snapshotId();
            Files.write(source.resolve("d"), Trees.random(4, 60_000));
            String third = backup(repository, source).snapshotId();
            expected = Map.of(second, SnapshotContents.of(repository, second),
                    third, SnapshotContents.of(repository, third));
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @EnumSource(value = PruneStep.class, names = {"PHASE_ONE_WRITTEN", "EXCLUSIVE_LOCK_TAKEN",
            "SNAPSHOTS_DELETED", "REPLACEMENT_INDEX_WRITTEN", "INDEX_REWRITTEN", "PACK_DELETED"})
    void killedPrune_leavesCleanRepository_nextPruneFinishes(PruneStep step, @TempDir Path temp)
            throws Exception {
        Path folder = temp.resolve("repo");
        copyTree(template, folder);

        killPruneAt(folder, step, temp.resolve("child.txt"));

        try (Repository crashed = TestRepositories.open(folder)) {
            CheckReport check = crashed.check(true, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            if (step == PruneStep.INDEX_REWRITTEN || step == PruneStep.PACK_DELETED) {
                assertThat(check.unindexedPacks()).as("packs left for the next prune")
                        .isNotEmpty();
            }
            assertRestorable(crashed);
        }
        try (Repository repository = TestRepositories.open(folder)) {
            PruneReport second = repository.prune(Set.of(removed), List.of(),
                    PruneOptions.defaults().withBulkDeletion(1.0, false));
            assertThat(second.failedDeletions()).isEmpty();
        }
        try (Repository pruned = TestRepositories.open(folder)) {
            assertThat(pruned.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertRestorable(pruned);
            PruneTest.assertClean(pruned);
            PruneReport nothingLeft = pruned.prune(Set.of(), List.of(), PruneOptions.defaults());
            assertThat(nothingLeft.packsDeleted() + nothingLeft.packsRepacked()).isZero();
        }
    }

    private static void assertRestorable(Repository repository) throws Exception {
        for (Map.Entry<String, Map<String, String>> snapshot : expected.entrySet()) {
            assertThat(SnapshotContents.of(repository, snapshot.getKey()))
                    .isEqualTo(snapshot.getValue());
        }
    }

    /** Runs a prune in a child JVM and kills it once it reports {@code step}. */
    private static void killPruneAt(Path folder, PruneStep step, Path output) throws Exception {
        Process child = ChildJvm.engineChild(output, "prune", folder.toString(), step.name(),
                removed).start();
        try {
            while (!ChildJvm.output(output).contains("paused=" + step)) {
                if (!child.isAlive()) {
                    fail("the child ended before reaching %s. It printed:%n%s", step,
                            ChildJvm.output(output));
                }
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(child.exitValue()).as("exit status of a process killed by SIGKILL")
                .isEqualTo(128 + 9);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }
}
