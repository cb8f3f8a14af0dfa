package dev.holdfast.repository;

import java.util.List;

/**
 * Result of {@code check}: counts of what was examined and every problem found.
 *
 * @param snapshots snapshots read
 * @param trees trees read
 * @param packs packs listed
 * @param blobs blobs in the index
 * @param blobsRead blobs downloaded and authenticated (only with read-data)
 * @param problems each damaged or missing object, named
 */
public record CheckReport(long snapshots, long trees, long packs, long blobs, long blobsRead,
        List<Problem> problems) {

    /**
     * One problem.
     *
     * @param object the object's name on the provider, such as {@code data/ab/ab12...}
     * @param message what is wrong
     */
    public record Problem(String object, String message) {
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
