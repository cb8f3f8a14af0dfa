package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.passphrase;
import static dev.holdfast.repository.engine.TestRepositories.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.repository.retention.ForgetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Random sequences of backup, forget, undelete, clock steps and prune through the public
 * repository API, against a model of which snapshots exist and when each was forgotten. After
 * every step, the live and forgotten lists match the model. At the end, every snapshot that the
 * model still contains restores byte for byte, whether live or forgotten within its delay.
 */
class RetentionProperties {
    private static final Duration DELAY = Duration.ofDays(3);
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    enum Kind { CHANGE_AND_BACK_UP, FORGET, UNDELETE, WAIT, PRUNE }

    /**
     * One step. For a backup, {@code a} picks the file and {@code b} its content; for forget
     * and undelete, {@code a} picks the snapshot; for a wait, {@code b} is the hours to wait.
     */
    record Step(Kind kind, int a, int b) {
    }

    /** The model's view of one snapshot: its files, and when it was forgotten (or null). */
    private static final class Modelled {
        final Map<String, String> files;
        Instant forgottenAt;

        Modelled(Map<String, String> files) {
            this.files = files;
        }
    }

    @Property(tries = 20)
    void deletionFollowsTheDelay(@ForAll("steps") List<Step> steps) throws Exception {
        Path base = Files.createTempDirectory("holdfast-retention-property");
        try {
            run(steps, base);
        } finally {
            Trees.delete(base);
        }
    }

    private static void run(List<Step> steps, Path base) throws Exception {
        Path source = Files.createDirectory(base.resolve("src"));
        Files.write(source.resolve("base"), Trees.random(1, 20_000));
        SettableClock clock = new SettableClock(START);
        Map<String, Modelled> model = new LinkedHashMap<>();
        try (Repository repository = Repository.init(provider(base.resolve("repo")), passphrase(),
                TestRepositories.SMALL_CHUNKS.withDeletionDelay(DELAY), "test key", clock)) {
            for (Step step : steps) {
                apply(repository, clock, model, source, step);
                // Every operation moves the clock a little, so records never share an instant.
                clock.advance(Duration.ofSeconds(1));
                assertLists(repository, model);
            }
        }
        try (Repository reopened = Repository.open(provider(base.resolve("repo")), passphrase(),
                clock)) {
            assertLists(reopened, model);
            for (Map.Entry<String, Modelled> snapshot : model.entrySet()) {
                assertThat(SnapshotContents.of(reopened, snapshot.getKey()))
                        .as("snapshot %s", snapshot.getKey())
                        .isEqualTo(snapshot.getValue().files);
            }
            PruneTest.assertClean(reopened);
        }
    }

    private static void apply(Repository repository, SettableClock clock,
            Map<String, Modelled> model, Path source, Step step) throws Exception {
        switch (step.kind()) {
            case CHANGE_AND_BACK_UP -> {
                Path file = source.resolve("f" + step.a());
                Files.write(file, Trees.random(step.b(), 1000 + step.b() * 997 % 60_000));
                String id = TestRepositories.backup(repository, source).snapshotId();
                model.put(id, new Modelled(SnapshotContents.of(source)));
            }
            case FORGET -> {
                List<String> live = ids(model, false);
                if (!live.isEmpty()) {
                    String id = live.get(step.a() % live.size());
                    repository.forget(List.of(id), forgetOptions());
                    model.get(id).forgottenAt = clock.instant();
                }
            }
            case UNDELETE -> {
                List<String> forgotten = ids(model, true);
                if (!forgotten.isEmpty()) {
                    String id = forgotten.get(step.a() % forgotten.size());
                    Modelled modelled = model.get(id);
                    if (clock.instant().isBefore(modelled.forgottenAt.plus(DELAY))) {
                        repository.undelete(id);
                        modelled.forgottenAt = null;
                    } else {
                        assertThatThrownBy(() -> repository.undelete(id))
                                .isInstanceOf(RepositoryException.class)
                                .hasMessageContaining("cannot be undeleted");
                    }
                }
            }
            case WAIT -> clock.advance(Duration.ofHours(step.b()));
            case PRUNE -> {
                repository.prune(PruneOptions.defaults().withBulkDeletion(0.5, true));
                Instant now = clock.instant();
                model.values().removeIf(m -> m.forgottenAt != null
                        && !now.isBefore(m.forgottenAt.plus(DELAY)));
            }
        }
    }

    private static ForgetOptions forgetOptions() {
        // Random sequences forget most snapshots now and then; the guard has its own tests.
        return new ForgetOptions("property", Set.of(), new BulkDeletionGuard(0.5, true));
    }

    private static List<String> ids(Map<String, Modelled> model, boolean forgotten) {
        List<String> ids = new ArrayList<>();
        model.forEach((id, m) -> {
            if ((m.forgottenAt != null) == forgotten) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static void assertLists(Repository repository, Map<String, Modelled> model)
            throws Exception {
        assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                .containsExactlyInAnyOrderElementsOf(ids(model, false));
        assertThat(repository.deletedSnapshots()).extracting(d -> d.snapshot().id())
                .containsExactlyInAnyOrderElementsOf(ids(model, true));
        for (DeletedSnapshot deleted : repository.deletedSnapshots()) {
            assertThat(deleted.forgottenAt()).isEqualTo(model.get(deleted.snapshot().id())
                    .forgottenAt);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 60)).as(Step::new);
        // Starts with a backup, so forget has something to work on, and ends with a prune.
        return step.list().ofMinSize(4).ofMaxSize(14).map(list -> {
            List<Step> all = new ArrayList<>();
            all.add(new Step(Kind.CHANGE_AND_BACK_UP, 0, 7));
            all.addAll(list);
            all.add(new Step(Kind.PRUNE, 0, 0));
            return all;
        });
    }
}
