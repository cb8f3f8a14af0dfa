package dev.holdfast.restoretester;

import dev.holdfast.restoretester.SnapshotChoice.Picked;
import dev.holdfast.restoretester.environment.Leftovers;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.report.SourceReport;
import dev.holdfast.restoretester.report.Verdict;
import dev.holdfast.restoretester.verify.Advice;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a restore test: for each source, restores its newest snapshot and some older ones
 * picked at random, each into a throwaway environment made for it, verifies the result and
 * destroys the environment whatever happened. Environments left by an earlier run that died
 * are removed first.
 *
 * <p>A run never throws for what it finds: every problem, a restorer's exception included,
 * becomes a failed check in the report, with the reason and what to do next. A thread that
 * is interrupted stops after the snapshot in progress, with its interrupt flag still set,
 * and returns the report so far.
 */
public final class RestoreTest {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreTest.class);

    private final SnapshotRestorer restorer;
    private final RestoreTestOptions options;
    private final Clock clock;

    public RestoreTest(SnapshotRestorer restorer, RestoreTestOptions options, Clock clock) {
        this.restorer = restorer;
        this.options = options;
        this.clock = clock;
    }

    /** Tests {@code sources} in the order given and returns the report, without a trend. */
    public RestoreTestReport run(List<TestSource> sources) {
        Instant started = clock.instant();
        long seed = options.seed().orElseGet(() -> new SecureRandom().nextLong());
        LOG.info("restore test: started for {} sources, seed {}", sources.size(), seed);
        List<Check> checks = new ArrayList<>();
        List<String> removed = sweep(checks);
        Random random = new Random(seed);
        List<SourceReport> reports = new ArrayList<>();
        for (TestSource source : sources) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            reports.add(test(source, started, random));
        }
        RestoreTestReport report = new RestoreTestReport(RestoreTestReport.FORMAT,
                options.host(), started, clock.instant(), seed, options.olderSnapshots(),
                checks, removed, reports, List.of());
        LOG.info("restore test: {} after {} ms", report.verdict().label(),
                report.duration().toMillis());
        return report;
    }

    /** Removes leftover environments and returns their descriptions. */
    private List<String> sweep(List<Check> checks) {
        try {
            List<String> removed = Leftovers.sweep(options.stateFolder()).stream()
                    .map(leftover -> leftover.kind() + " " + leftover.folder() + " of process "
                            + leftover.ownerPid())
                    .toList();
            checks.add(Check.passed("leftover environments removed", removed.size()));
            return removed;
        } catch (IOException e) {
            checks.add(Check.failed("leftover environments removed", "cannot read the state "
                    + "folder '" + options.stateFolder() + "': " + e.getMessage(),
                    Advice.environmentLeft()));
            return List.of();
        }
    }

    private SourceReport test(TestSource source, Instant started, Random random) {
        List<SnapshotSummary> snapshots;
        try {
            snapshots = restorer.snapshots(source);
        } catch (RestoreException | RuntimeException e) {
            LOG.warn("restore test: source {}: cannot list its snapshots", source.name(), e);
            return new SourceReport(source.name(), source.kind(), null, -1,
                    List.of(Check.failed("snapshots listed", String.valueOf(e.getMessage()),
                            Advice.listFailed())), List.of());
        }
        if (snapshots.isEmpty()) {
            return new SourceReport(source.name(), source.kind(), null, -1,
                    List.of(Check.failed("snapshots listed", "source '" + source.name()
                            + "' has no snapshot", Advice.noSnapshot(source.name()))),
                    List.of());
        }
        List<Picked> picked = SnapshotChoice.pick(snapshots, options.olderSnapshots(), random);
        Instant newest = picked.getFirst().snapshot().time();
        List<SnapshotTest> tests = new ArrayList<>();
        for (Picked each : picked) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            tests.add(testSnapshot(source, each));
        }
        long age = Math.max(0, Duration.between(newest, started).toSeconds());
        return new SourceReport(source.name(), source.kind(), newest, age,
                List.of(Check.passed("snapshots listed", snapshots.size())), tests);
    }

    private SnapshotTest testSnapshot(TestSource source, Picked picked) {
        LOG.info("restore test: source {}: testing the {} snapshot {}", source.name(),
                picked.role(), picked.snapshot().id());
        SnapshotTest test = source.kind() == SourceKind.FILES
                ? new FileSnapshotTest(restorer, options).run(picked)
                : new DatabaseSnapshotTest(restorer, options).run(source, picked);
        if (test.verdict() == Verdict.FAILED) {
            LOG.warn("restore test: source {}: snapshot {} failed these checks: {}",
                    source.name(), test.shortId(), test.checks().stream()
                            .filter(c -> c.status() == CheckStatus.FAILED)
                            .map(Check::name).toList());
        } else {
            LOG.info("restore test: source {}: snapshot {} passed, restored in {} ms",
                    source.name(), test.shortId(), test.restoreMillis());
        }
        return test;
    }
}
