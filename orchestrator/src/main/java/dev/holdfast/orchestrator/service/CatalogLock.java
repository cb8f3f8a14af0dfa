package dev.holdfast.orchestrator.service;

import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.RepositoryLeases;
import dev.holdfast.orchestrator.catalog.RepositoryLeases.Lease;
import dev.holdfast.scheduler.JobFire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets scheduled jobs that write a repository run one at a time, across every node that shares
 * the catalog, through a lease per repository in the catalog. A job waits a bounded time for
 * the lease, and holds it by extending it while it runs, so a lease outlives its holder only
 * by at most one lease period when the holder's node dies. The repository's own lock stays the
 * last line of defence, for commands run by hand and for a holder that lost its lease.
 */
public final class CatalogLock {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLock.class);
    /** Maximum pause between two attempts to take a lease that another run has. */
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final RepositoryLeases leases;
    private final Duration wait;
    private final Duration lease;
    private final Clock clock;

    /**
     * @param wait how long a job waits for another job's lease before it fails
     * @param lease how long a lease lasts unless extended; holders extend it every third
     */
    public CatalogLock(RepositoryLeases leases, Duration wait, Duration lease) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = Clock.systemUTC();
    }

    /**
     * Waits until {@code fire}'s run holds the lease on {@code repositoryId}, or until the wait
     * has passed. The returned lease is extended in the background until it is closed. When an
     * extension finds that another run took it over, the calling thread is interrupted.
     *
     * @throws LockWaitException when another run held the lease for the whole wait
     * @throws InterruptedException when the calling thread was interrupted while it waited
     */
    public Held acquire(String repositoryId, String job, JobFire fire)
            throws LockWaitException, InterruptedException, CatalogException {
        Instant started = clock.instant();
        Instant deadline = started.plus(wait);
        Optional<Lease> blocking = Optional.empty();
        while (true) {
            Instant now = clock.instant();
            Lease wanted = new Lease(repositoryId, job, fire.runId(), fire.node(), now,
                    now.plus(lease));
            Optional<Lease> holder = leases.tryAcquire(wanted, now);
            if (holder.isEmpty()) {
                blocking.ifPresent(other -> LOG.info("job {} run {}: took the lease on "
                        + "repository {} after waiting {} s", job, fire.runId(), repositoryId,
                        Duration.between(started, clock.instant()).toSeconds()));
                return new Held(wanted, Thread.currentThread());
            }
            if (blocking.isEmpty() || !blocking.get().runId().equals(holder.get().runId())) {
                LOG.info("job {} run {}: waiting up to {} s for the lease on repository {}, "
                        + "which {}", job, fire.runId(), wait.toSeconds(), repositoryId,
                        describe(holder.get()));
            }
            blocking = holder;
            if (!now.isBefore(deadline)) {
                throw new LockWaitException("repository " + repositoryId + " stayed leased "
                        + "for " + wait.toSeconds() + " s (service.lock-wait), by the last "
                        + "holder: " + describe(holder.get()) + "; the job runs again at its "
                        + "next fire time");
            }
            Thread.sleep(pause(deadline));
        }
    }

    private Duration pause(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        Duration poll = lease.dividedBy(3).compareTo(MAX_POLL) < 0 ? lease.dividedBy(3) : MAX_POLL;
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        return left.compareTo(poll) < 0 ? left : poll;
    }

    private static String describe(Lease holder) {
        return "job " + holder.job() + " run " + holder.runId() + " on node " + holder.node()
                + " has held since " + holder.acquiredAt() + " (expiry " + holder.expiresAt()
                + ")";
    }

    /** A lease held by a run; closing it releases the lease. */
    public final class Held implements AutoCloseable {
        private final Lease taken;
        private final Thread job;
        private final Thread keeper;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean lost;

        private Held(Lease taken, Thread job) {
            this.taken = taken;
            this.job = job;
            this.keeper = Thread.ofVirtual().name("lease-" + taken.repositoryId())
                    .start(this::keep);
        }

        /** Returns whether another run took the lease over while this run held it. */
        public boolean lost() {
            return lost;
        }

        /**
         * Extends the lease every third of its period. When the lease expires without a
         * successful extension, another node may take it, so the job is interrupted.
         */
        private void keep() {
            Instant expires = taken.expiresAt();
            while (true) {
                try {
                    // Woken by close rather than interrupted: an interrupt during a statement
                    // would make H2 fail it.
                    if (closed.await(lease.dividedBy(3).toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                Instant next = clock.instant().plus(lease);
                try {
                    if (leases.extend(taken.repositoryId(), taken.runId(), next)) {
                        expires = next;
                        continue;
                    }
                    lose("another run took it over");
                    return;
                } catch (CatalogException e) {
                    if (!clock.instant().isBefore(expires)) {
                        lose("it expired while the catalog could not be reached: "
                                + e.getMessage());
                        return;
                    }
                    LOG.warn("job {} run {}: cannot extend the lease on repository {}, trying "
                            + "again until it expires at {}: {}", taken.job(), taken.runId(),
                            taken.repositoryId(), expires, e.getMessage());
                }
            }
        }

        private void lose(String reason) {
            lost = true;
            LOG.error("job {} run {}: lost the lease on repository {}, because {}; "
                    + "interrupting the job", taken.job(), taken.runId(), taken.repositoryId(),
                    reason);
            job.interrupt();
        }

        /** Stops extending the lease and releases it, also from an interrupted thread. */
        @Override
        public void close() {
            boolean interrupted = Thread.interrupted();
            try {
                closed.countDown();
                keeper.join();
                if (!lost) {
                    leases.release(taken.repositoryId(), taken.runId());
                }
            } catch (CatalogException | RuntimeException e) {
                LOG.warn("job {} run {}: cannot release the lease on repository {}; it "
                        + "expires at the latest {} s after the run: {}", taken.job(),
                        taken.runId(), taken.repositoryId(), lease.toSeconds(), e.getMessage());
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Another run held the lease for the whole wait. */
    public static final class LockWaitException extends Exception {
        LockWaitException(String message) {
            super(message);
        }
    }
}
