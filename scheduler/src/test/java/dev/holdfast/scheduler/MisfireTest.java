package dev.holdfast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misfire policies on a JDBC job store. A trigger written with a start time three days ago
 * stands for a scheduler that went down before three nightly fire times; a second scheduler
 * then starts on the same database.
 */
class MisfireTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NIGHTLY = "0 0 3 * * ?";

    @TempDir
    java.nio.file.Path folder;

    @Test
    void runOnce_missedNightsRunOnceOnStart() throws Exception {
        Schedule schedule = nightly(MisfirePolicy.RUN_ONCE);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        try (HikariDataSource dataSource = H2Database.open(folder)) {
            JobStore store = JobStore.jdbc(dataSource, false);
            JobScheduler.install(store, List.of(schedule), threeDaysAgo());

            JobScheduler scheduler = JobScheduler.start(store, List.of(schedule),
                    (s, fire) -> {
                        runs.incrementAndGet();
                        ran.countDown();
                    }, JobScheduler.Options.DEFAULT);
            try {
                assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                awaitNextFireInFuture(scheduler, schedule);
            } finally {
                scheduler.stop(WAIT);
            }
        }

        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void skip_missedNightsDoNotRun() throws Exception {
        Schedule schedule = nightly(MisfirePolicy.SKIP);
        AtomicInteger runs = new AtomicInteger();
        Instant next;
        Instant started;
        try (HikariDataSource dataSource = H2Database.open(folder)) {
            JobStore store = JobStore.jdbc(dataSource, false);
            Instant stored = JobScheduler.install(store, List.of(schedule), threeDaysAgo())
                    .get(schedule.jobName());
            assertThat(stored).isBefore(Instant.now().minus(Duration.ofDays(1)));

            started = Instant.now();
            JobScheduler scheduler = JobScheduler.start(store, List.of(schedule),
                    (s, fire) -> runs.incrementAndGet(), JobScheduler.Options.DEFAULT);
            try {
                next = awaitNextFireInFuture(scheduler, schedule);
            } finally {
                scheduler.stop(WAIT);
            }
        }

        assertThat(runs.get()).isZero();
        assertThat(next).isEqualTo(schedule.nextFireTimes(started, 1).getFirst());
    }

    @Test
    void changedCron_replacesStoredTrigger() throws Exception {
        Schedule schedule = nightly(MisfirePolicy.SKIP);
        try (HikariDataSource dataSource = H2Database.open(folder)) {
            JobStore store = JobStore.jdbc(dataSource, false);
            JobScheduler.install(store, List.of(schedule), JobScheduler.Options.DEFAULT);
            JobScheduler first = JobScheduler.start(store, List.of(schedule), (s, fire) -> { },
                    JobScheduler.Options.DEFAULT);
            Instant stored = first.nextFireTime(schedule.jobName()).orElseThrow();
            first.stop(WAIT);

            Schedule changed = new Schedule(schedule.jobName(), "backup", "0 0 4 * * ?",
                    ZoneOffset.UTC, MisfirePolicy.SKIP);
            Instant restarted = Instant.now();
            JobScheduler second = JobScheduler.start(store, List.of(changed), (s, fire) -> { },
                    JobScheduler.Options.DEFAULT);
            Instant replaced = second.nextFireTime(schedule.jobName()).orElseThrow();
            second.stop(WAIT);

            assertThat(stored).isEqualTo(schedule.nextFireTimes(restarted, 1).getFirst());
            assertThat(replaced).isEqualTo(changed.nextFireTimes(restarted, 1).getFirst());
        }
    }

    private static Schedule nightly(MisfirePolicy policy) {
        return new Schedule("backup:documents", "backup", NIGHTLY, ZoneOffset.UTC, policy);
    }

    private static JobScheduler.Options threeDaysAgo() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        return JobScheduler.Options.DEFAULT.withClock(past);
    }

    /** Waits until Quartz handled the misfire, which moves the next fire time past now. */
    private static Instant awaitNextFireInFuture(JobScheduler scheduler, Schedule schedule)
            throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Instant next = scheduler.nextFireTime(schedule.jobName()).orElseThrow();
            if (next.isAfter(Instant.now())) {
                return next;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the next fire time stayed in the past for " + WAIT);
    }
}
