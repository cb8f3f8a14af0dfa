package dev.holdfast.orchestrator.guard;

import java.time.Instant;

/** The statistics of one table at one time, from a reading or a snapshot's baseline. */
record Point(Instant time, long liveRows, boolean exact, long deletedTotal,
        long insertedTotal) {
    static Point of(Instant time, TableReading reading) {
        return new Point(time, reading.liveRows(), reading.exact(), reading.deletedTotal(),
                reading.insertedTotal());
    }

    boolean knownRows() {
        return liveRows != TableReading.UNKNOWN;
    }

    boolean knownCounters() {
        return deletedTotal != TableReading.UNKNOWN && insertedTotal != TableReading.UNKNOWN;
    }

    /** Returns whether the counters are known and either is above zero. */
    boolean counted() {
        return knownCounters() && (deletedTotal > 0 || insertedTotal > 0);
    }

    /**
     * Returns whether a counter is lower here than at {@code earlier}. Cumulative counters only
     * go down when the engine's statistics were reset or the table was created anew.
     */
    boolean countersBelow(Point earlier) {
        return earlier != null && knownCounters() && earlier.knownCounters()
                && (deletedTotal < earlier.deletedTotal || insertedTotal < earlier.insertedTotal);
    }

    /** Returns the point with more live rows; the newer one of two equal. */
    static Point higher(Point a, Point b) {
        if (a == null || !a.knownRows()) {
            return b != null && b.knownRows() ? b : null;
        }
        if (b == null || !b.knownRows()) {
            return a;
        }
        if (a.liveRows != b.liveRows) {
            return a.liveRows > b.liveRows ? a : b;
        }
        return a.time.isAfter(b.time) ? a : b;
    }

    /** Returns the newer point, either of which may be null. */
    static Point newer(Point a, Point b) {
        if (a == null) {
            return b;
        }
        return b == null || a.time.isAfter(b.time) ? a : b;
    }
}
