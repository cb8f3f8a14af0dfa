package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.prune.PruneOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of backups, removals and prunes against a model that is only a map from
 * snapshot to the files it holds: after every sequence, each snapshot the model keeps restores
 * byte for byte and check finds nothing wrong.
 */
class PruneProperties {
    private static final double[] THRESHOLDS = {0, 0.3, 0.5, 1};

    enum Kind { CHANGE_AND_BACK_UP, REMOVE, PRUNE }

    /**
     * One step. For a backup, {@code a} picks the file and {@code b} its new content (or its
     * deletion); for a removal, {@code a} picks the snapshot; for a prune, {@code b} the
     * repack threshold.
     */
    record Step(Kind kind, int a, int b) {
    }

    @Property(tries = 10)
    void everyRemainingSnapshotRestores(@ForAll("steps") List<Step> steps) throws Exception {
        Path base = Files.createTempDirectory("holdfast-prune-property");
        try {
            run(steps, base);
        } finally {
            Trees.delete(base);
        }
    }

    private static void run(List<Step> steps, Path base) throws Exception {
        Path source = Files.createDirectory(base.resolve("src"));
        Path folder = base.resolve("repo");
        Map<String, Map<String, String>> model = new LinkedHashMap<>();
        Set<String> removing = new HashSet<>();
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            for (Step step : steps) {
                switch (step.kind()) {
                    case CHANGE_AND_BACK_UP -> {
                        change(source, step);
                        String id = TestRepositories.backup(repository, source).snapshotId();
                        model.put(id, SnapshotContents.of(source));
                    }
                    case REMOVE -> {
                        List<String> ids = new ArrayList<>(model.keySet());
                        if (!ids.isEmpty()) {
                            removing.add(ids.get(step.a() % ids.size()));
                        }
                    }
                    case PRUNE -> {
                        prune(repository, removing, THRESHOLDS[step.b() % THRESHOLDS.length]);
                        model.keySet().removeAll(removing);
                        removing.clear();
                    }
                }
            }
        }
        try (Repository reopened = TestRepositories.open(folder)) {
            assertThat(reopened.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactlyInAnyOrderElementsOf(model.keySet());
            for (Map.Entry<String, Map<String, String>> snapshot : model.entrySet()) {
                assertThat(SnapshotContents.of(reopened, snapshot.getKey()))
                        .isEqualTo(snapshot.getValue());
            }
            PruneTest.assertClean(reopened);
        }
    }

    private static void change(Path source, Step step) throws Exception {
        Path file = source.resolve("f" + step.a());
        if (step.b() % 5 == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.write(file, Trees.random(step.b(), 1000 + step.b() * 997 % 90_000));
        }
    }

    private static void prune(Repository repository, Set<String> snapshots, double threshold)
            throws Exception {
        repository.prune(snapshots, List.of(), PruneOptions.defaults()
                .withRepackThreshold(threshold).withBulkDeletion(1.0, false));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 200)).as(Step::new);
        // Ends with a prune, so every sequence exercises at least one.
        return step.list().ofMinSize(3).ofMaxSize(12).map(list -> {
            List<Step> all = new ArrayList<>(list);
            all.add(new Step(Kind.PRUNE, 0, list.size()));
            return all;
        });
    }
}
