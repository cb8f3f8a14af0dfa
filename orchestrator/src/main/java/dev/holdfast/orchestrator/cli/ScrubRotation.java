package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.JobRun;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Picks the slice that {@code check --read-data-subset next} reads: the one after the slice
 * that the newest such check of the same repository read, as the catalog remembers it. Taking
 * the slices in turn, rather than a random share each run, reads every pack within one round
 * of runs, so damage in a pack that no restore touches is found in bounded time.
 */
final class ScrubRotation {
    /** Figures of a check run that read a slice. */
    static final String SLICE = "slice";
    static final String SLICES = "slices";
    /** Runs searched for the previous slice; a scrub among the last 500 runs is expected. */
    private static final int HISTORY = 500;

    private ScrubRotation() {
    }

    /**
     * Returns the next slice, from 1 to {@code slices}. Without a catalog, or when it cannot be
     * read, the slice follows the day of the year, which still cycles through every slice on a
     * daily schedule.
     */
    static int next(Optional<Catalog> catalog, String repositoryId, int slices, Clock clock) {
        if (catalog.isPresent()) {
            try {
                for (JobRun run : catalog.get().jobRuns().recent(HISTORY)) {
                    if (run.ended() != null && repositoryId.equals(run.repositoryId())
                            && ("scrub".equals(run.kind()) || "check".equals(run.kind()))
                            && run.figures().get(SLICES) instanceof Number count
                            && count.intValue() == slices
                            && run.figures().get(SLICE) instanceof Number slice) {
                        return slice.intValue() % slices + 1;
                    }
                }
                return 1;
            } catch (CatalogException e) {
                // The day-based choice below is as good for one run; the check itself matters.
            }
        }
        long day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        return (int) (day % slices) + 1;
    }
}
