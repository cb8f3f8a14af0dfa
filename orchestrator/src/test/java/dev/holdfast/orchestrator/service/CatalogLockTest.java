package dev.holdfast.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.RepositoryLeases.Lease;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.scheduler.JobFire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog lock on an embedded catalog, with waits and leases short enough for a test. */
class CatalogLockTest {
    @TempDir
    Path folder;

    @Test
    void acquire_heldByOtherRun_failsAfterWait() throws Exception {
        try (Catalog catalog = Catalog.open(CatalogConfig.embedded(folder), Map.of())) {
            CatalogLock lock = new CatalogLock(catalog.repositoryLeases(),
                    Duration.ofMillis(300), Duration.ofSeconds(30));
            JobFire first = JobFire.now("node-a");
            JobFire second = JobFire.now("node-b");

            try (CatalogLock.Held held = lock.acquire("repo-1", "backup:docs", first)) {
                assertThatThrownBy(() -> lock.acquire("repo-1", "retention", second))
                        .isInstanceOf(CatalogLock.LockWaitException.class)
                        .hasMessageContaining("job backup:docs run " + first.runId()
                                + " on node node-a")
                        .hasMessageContaining("service.lock-wait");
            }
            try (CatalogLock.Held held = lock.acquire("repo-1", "retention", second)) {
                assertThat(catalog.repositoryLeases().holder("repo-1")).map(Lease::runId)
                        .contains(second.runId());
            }
            assertThat(catalog.repositoryLeases().holder("repo-1")).isEmpty();
        }
    }

    @Test
    void held_leaseTakenOver_interruptsJob() throws Exception {
        try (Catalog catalog = Catalog.open(CatalogConfig.embedded(folder), Map.of())) {
            CatalogLock lock = new CatalogLock(catalog.repositoryLeases(),
                    Duration.ofSeconds(1), Duration.ofMillis(600));
            JobFire fire = JobFire.now("node-a");
            try (CatalogLock.Held held = lock.acquire("repo-1", "backup:docs", fire)) {
                // Another node that found the lease expired, as after a network partition.
                catalog.repositoryLeases().release("repo-1", fire.runId());
                Instant now = Instant.now();
                catalog.repositoryLeases().tryAcquire(new Lease("repo-1", "repair", "other",
                        "node-b", now, now.plusSeconds(60)), now);

                assertThatThrownBy(() -> Thread.sleep(Duration.ofSeconds(10)))
                        .isInstanceOf(InterruptedException.class);
                assertThat(held.lost()).isTrue();
            }
            assertThat(catalog.repositoryLeases().holder("repo-1")).map(Lease::runId)
                    .contains("other");
        }
    }
}
